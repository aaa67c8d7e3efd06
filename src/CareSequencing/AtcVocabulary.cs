using System.Collections.Frozen;
using System.Globalization;
using CareSequencing.Model;

namespace CareSequencing;

/// <summary>
/// The ATC codes a host recognises, so that a well-formed code that names no real substance or class
/// (a typo such as <c>N06AB60</c>) is reported instead of passing silently through the interaction
/// checks. The library does not ship the WHO ATC/DDD index (its licence does not allow
/// redistribution); a host that holds it loads it here. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Without a vocabulary a code is checked for form only (CSQ3001 when malformed). With one, a
/// well-formed code not in it gets CSQ3011; the medication is still used (it may be newer than the
/// vocabulary), and the warning says that interaction checks may not cover it.
/// </remarks>
public sealed class AtcVocabulary
{
    private const int MaxReportedLines = 5;

    private readonly FrozenSet<string> _codes;

    private AtcVocabulary(FrozenSet<string> codes, string sourceName)
    {
        _codes = codes;
        SourceName = sourceName;
    }

    /// <summary>Where the codes came from (a file name), named in diagnostics.</summary>
    internal string SourceName { get; }

    /// <summary>How many distinct codes the vocabulary holds.</summary>
    public int Count => _codes.Count;

    /// <summary>Whether <paramref name="code"/> (any case, surrounding spaces ignored) is in the vocabulary.</summary>
    /// <param name="code">An ATC code at any level.</param>
    /// <returns>True when the vocabulary lists it.</returns>
    public bool Contains(string? code) => ClinicalCodes.NormalizeAtc(code) is { } normalized && _codes.Contains(normalized);

    /// <summary>For a code already normalised by <see cref="ClinicalCodes.NormalizeAtc"/>: evaluation does not normalise twice.</summary>
    internal bool ContainsNormalized(string code) => _codes.Contains(code);

    /// <summary>A vocabulary of the given codes.</summary>
    /// <param name="codes">ATC codes at any level; repeats are fine.</param>
    /// <returns>The vocabulary.</returns>
    /// <exception cref="FormatException">A code is not a well-formed ATC code (the message names the first ones).</exception>
    public static AtcVocabulary FromCodes(IEnumerable<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var set = new HashSet<string>(StringComparer.Ordinal);
        var bad = new List<string>();
        var index = 0;
        foreach (var code in codes)
        {
            if (ClinicalCodes.NormalizeAtc(code) is { } normalized) set.Add(normalized);
            else if (bad.Count < MaxReportedLines) bad.Add(string.Create(CultureInfo.InvariantCulture, $"item {index}"));
            index++;
        }
        return bad.Count > 0
            ? throw new FormatException($"Not well-formed ATC codes at: {string.Join(", ", bad)}.")
            : new AtcVocabulary(set.ToFrozenSet(StringComparer.Ordinal), "ATC vocabulary");
    }

    /// <summary>
    /// Reads a vocabulary file: one code per line in the first column of a CSV, TSV or
    /// semicolon-separated file (other columns, such as the WHO name or DDD, are ignored; quotes
    /// around the code are allowed). Blank lines and lines starting with <c>#</c> are skipped, and so
    /// is a first line whose first column has no digit (a header such as <c>atc_code,atc_name</c>).
    /// </summary>
    /// <param name="path">The file, UTF-8.</param>
    /// <returns>The vocabulary.</returns>
    /// <exception cref="FormatException">A line's first column is not a well-formed ATC code, or the file holds no code; the message gives line numbers, never file content.</exception>
    public static AtcVocabulary Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, Path.GetFileName(path));
    }

    /// <summary>Reads vocabulary text in the format of <see cref="Load(string)"/>.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="sourceName">Named in error messages.</param>
    /// <returns>The vocabulary.</returns>
    /// <exception cref="FormatException">As for <see cref="Load(string)"/>.</exception>
    public static AtcVocabulary Parse(TextReader reader, string sourceName = "ATC vocabulary")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var set = new HashSet<string>(StringComparer.Ordinal);
        var bad = new List<int>();
        var badCount = 0;
        var firstData = true;
        var number = 0;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            var text = line.AsSpan().Trim();
            if (text.IsEmpty || text[0] == '#') continue;
            var end = text.IndexOfAny(',', '\t', ';');
            var cell = (end < 0 ? text : text[..end]).Trim().Trim('"').Trim();
            var code = ClinicalCodes.NormalizeAtc(cell.ToString());
            // A header names its columns ("atc_code"); a first line with digits is a mistyped code, not a header.
            var header = firstData && !cell.ContainsAnyInRange('0', '9');
            firstData = false;
            if (code is not null) set.Add(code);
            else if (!header)
            {
                badCount++;
                if (bad.Count < MaxReportedLines) bad.Add(number);
            }
        }
        if (badCount > 0)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"{sourceName}: {badCount} line(s) do not start with a well-formed ATC code (lines {string.Join(", ", bad)}{(badCount > bad.Count ? ", …" : "")})."));
        }
        return set.Count == 0
            ? throw new FormatException($"{sourceName}: no ATC code found.")
            : new AtcVocabulary(set.ToFrozenSet(StringComparer.Ordinal), sourceName);
    }
}
