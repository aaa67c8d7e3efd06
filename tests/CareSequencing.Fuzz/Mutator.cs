using System.Text;

namespace CareSequencing.Fuzz;

/// <summary>
/// Text mutations for the built-in fuzzing mode and the property tests: character and line edits,
/// YAML/JSON tokens, splices with another input. Deterministic for a given <see cref="Random"/>.
/// </summary>
internal static class Mutator
{
    // Tokens that change a YAML/JSON document's structure or stress a scalar reader.
    private static readonly string[] Tokens =
    [
        "\n", "\r\n", "\r", "- ", ": ", ":", "{", "}", "[", "]", ",", "? ", "|", "|-\n  ", ">", "'", "\"", "#", "\t", " ", "  ",
        "&a ", "*a", "&b [*a, *a, *a, *a]", "<<: *a", "!!str ", "!!int ", "!!binary ", "!!map ", "!custom ", "%YAML 1.2\n", "%TAG ! tag:x:\n", "---\n", "...\n",
        "~", "null", "true", "-1", "0", "2147483648", "-2147483649", "99999999999999999999", "1e309", ".nan", "0x1F",
        "2026-02-30", "1900-01-01", "2999-12-31", "0001-01-01", "9999-12-31",
        "\0", "\uFEFF", "\u0085", "\u2028", "\uD800", "\uDFFF", "é", "😀", "\u202E", "\\u0000", "\\x00",
        "code: ", "system: ", "status: ", "kind: ", "current: ", "medications:\n  - ", "conditions:\n  - ", "therapies: ",
        "N06AB06", "N02AX02", "F32.1", "F10.2", "n06ab", "X99", "atc", "icd10", "snomed", "active", "stopped", "bogus",
        "id: r1\n", "when: ", "facts.Age >= 18", "facts.HasCondition(\"F32\")", "proposal:\n  ", "alert:\n  ", "severity: major",
    ];

    /// <summary>Applies 1 to <paramref name="maxEdits"/> edits.</summary>
    public static string Mutate(string text, Random random, string? other = null, int maxEdits = 4)
    {
        var edits = random.Next(1, maxEdits + 1);
        for (var i = 0; i < edits; i++) text = MutateOnce(text, random, other);
        return text;
    }

    private static string MutateOnce(string text, Random random, string? other)
    {
        var at = text.Length == 0 ? 0 : random.Next(text.Length + 1);
        switch (random.Next(14))
        {
            case 0: // Flip one character to another printable or control character.
                if (text.Length == 0) goto case 2;
                return string.Concat(text.AsSpan(0, Math.Min(at, text.Length - 1)), RandomChar(random).ToString(), text.AsSpan(Math.Min(at, text.Length - 1) + 1));
            case 1: // Flip a bit of one character.
                if (text.Length == 0) goto case 2;
                {
                    var index = Math.Min(at, text.Length - 1);
                    var flipped = (char)(text[index] ^ (1 << random.Next(8)));
                    return string.Concat(text.AsSpan(0, index), flipped.ToString(), text.AsSpan(index + 1));
                }
            case 2: // Insert a token.
                return text.Insert(at, Tokens[random.Next(Tokens.Length)]);
            case 3: // Delete a range.
            {
                var length = Math.Min(text.Length - at, random.Next(1, 16));
                return text.Remove(at, Math.Max(0, length));
            }
            case 4: // Duplicate a range.
            {
                var length = Math.Min(text.Length - at, random.Next(1, 64));
                return text.Insert(at, text.Substring(at, Math.Max(0, length)));
            }
            case 5: // Truncate.
                return text[..at];
            case 6: // Delete a line.
                return WithLines(text, random, (lines, i) => lines.RemoveAt(i));
            case 7: // Duplicate a line.
                return WithLines(text, random, (lines, i) => lines.Insert(i, lines[i]));
            case 8: // Swap two lines.
                return WithLines(text, random, (lines, i) =>
                {
                    var j = random.Next(lines.Count);
                    (lines[i], lines[j]) = (lines[j], lines[i]);
                });
            case 9: // Re-indent a line.
                return WithLines(text, random, (lines, i) => lines[i] = random.Next(2) == 0 ? lines[i].TrimStart() : new string(' ', random.Next(1, 9)) + lines[i]);
            case 10: // Splice with the other input (or with itself).
            {
                var donor = string.IsNullOrEmpty(other) ? text : other;
                if (donor.Length == 0) goto case 2;
                var start = random.Next(donor.Length);
                var length = random.Next(1, Math.Min(donor.Length - start, 256) + 1);
                return text.Insert(at, donor.Substring(start, length));
            }
            case 11: // Repeat a token many times (long scalars, long lists).
                return text.Insert(at, string.Concat(Enumerable.Repeat(Tokens[random.Next(Tokens.Length)], random.Next(2, 200))));
            case 12: // Replace a word (a run of letters, digits, dots) with a token.
            {
                var start = at;
                while (start < text.Length && !char.IsLetterOrDigit(text[start])) start++;
                var end = start;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '.')) end++;
                return string.Concat(text.AsSpan(0, start), Tokens[random.Next(Tokens.Length)], text.AsSpan(end));
            }
            default: // Nest: wrap the text from here in a flow collection.
                return text.Insert(at, random.Next(2) == 0 ? "[" : "{") + (random.Next(2) == 0 ? "]" : "}");
        }
    }

    private static char RandomChar(Random random) => random.Next(4) switch
    {
        0 => (char)random.Next(0, 32),
        1 => (char)random.Next(0x80, 0x800),
        2 => (char)random.Next(0xD800, 0xE000),
        _ => (char)random.Next(32, 127),
    };

    private static string WithLines(string text, Random random, Action<List<string>, int> edit)
    {
        var lines = text.Split('\n').ToList();
        if (lines.Count == 0) return text;
        edit(lines, random.Next(lines.Count));
        return string.Join('\n', lines);
    }

    /// <summary>A short, stable name for an input: a hex digest, so corpus files do not repeat.</summary>
    public static string Digest(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
