using System.Buffers;
using System.Text;

namespace CareSequencing.Loading;

/// <summary>
/// Checks on a pack file's bytes and text before YAML sees them, each giving the line and column of
/// the first offending character (as an editor counts them: lines from 1, characters from 1).
/// </summary>
internal static class PackText
{
    /// <summary>Where the first byte sequence that is not UTF-8 starts (UTF-16 with a BOM fails at 1:1), or null.</summary>
    public static (int Line, int Column)? FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done) break;
            offset += consumed;
        }
        if (offset == bytes.Length) return null;
        var lineStart = bytes[..offset].LastIndexOf((byte)'\n') + 1;
        var line = bytes[..offset].Count((byte)'\n') + 1;
        var prefix = bytes[lineStart..offset];
        if (lineStart == 0 && prefix.StartsWith("\uFEFF"u8)) prefix = prefix[3..];
        return (line, Encoding.UTF8.GetCharCount(prefix) + 1);
    }

    /// <summary>
    /// The first character a pack file must not contain, or null: control characters other than tab and
    /// line breaks (YAML forbids them; they hide text in terminals), the bidirectional overrides and isolates
    /// of "Trojan Source" (text that reads differently from how it parses), line and paragraph separators
    /// and NEL (editors and YAML disagree on whether they end a line), and a byte order mark after the start.
    /// </summary>
    public static (char Character, int Line, int Column)? FirstForbiddenCharacter(string text)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (IsForbidden(c))
            {
                return (c, line, i - lineStart + 1);
            }
        }
        return null;
    }

    private static bool IsForbidden(char c) =>
        (c < ' ' && c is not '\t' and not '\n' and not '\r')
        || c is >= '\u007F' and <= '\u009F'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069'
        || c is '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF';
}
