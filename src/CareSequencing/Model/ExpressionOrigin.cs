using YamlDotNet.Core;

using CareSequencing.Loading;

namespace CareSequencing.Model;

/// <summary>
/// Maps an offset inside a condition expression back to the line and column of the YAML file it
/// was written in, including block scalars (<c>|</c>, <c>&gt;</c>) that span several lines.
/// </summary>
internal sealed class ExpressionOrigin
{
    private readonly string _file;
    private readonly (int Line, int Column, int Length)[] _segments;

    // For a quoted scalar on one line: the file column of each character of the value (and of its
    // end), since an escape ('' or \") is one character of the value but two or more in the file.
    private readonly int[]? _columns;

    private ExpressionOrigin(string file, (int, int, int)[] segments, int[]? columns = null)
    {
        _file = file;
        _segments = segments;
        _columns = columns;
    }

    public SourceLocation Start => new(_file, _segments[0].Line, _segments[0].Column);

    public SourceLocation Resolve(int offset)
    {
        if (_columns is not null) return new(_file, _segments[0].Line, _columns[Math.Clamp(offset, 0, _columns.Length - 1)]);
        var remaining = Math.Max(0, offset);
        foreach (var (line, column, length) in _segments)
        {
            if (remaining <= length) return new(_file, line, column + remaining);
            remaining -= length + 1; // the newline or folded space between two lines
        }
        var last = _segments[^1];
        return new(_file, last.Line, last.Column + last.Length);
    }

    public static ExpressionOrigin For(string file, YScalar scalar, string[] rawLines)
    {
        if (scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
        {
            var segments = BlockSegments(scalar.Line, rawLines);
            if (segments.Length > 0) return new(file, segments);
        }
        var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0;
        if (quoted == 1 && scalar.Line - 1 < rawLines.Length
            && QuotedColumns(rawLines[scalar.Line - 1], scalar.Column, scalar.Style == ScalarStyle.SingleQuoted, scalar.Value) is { } columns)
        {
            return new(file, [(scalar.Line, scalar.Column + 1, scalar.Value.Length)], columns);
        }
        if (!scalar.Value.Contains('\n', StringComparison.Ordinal) && scalar.Line - 1 < rawLines.Length)
        {
            var lines = new List<(int, int, int)> { (scalar.Line, scalar.Column + quoted, rawLines[scalar.Line - 1].Length - scalar.Column - quoted + 1) };
            // A plain or quoted scalar folded over several lines continues, trimmed, on the next lines.
            for (var i = scalar.Line; i < rawLines.Length && lines.Count < 64; i++)
            {
                var raw = rawLines[i];
                var trimmed = raw.TrimStart();
                if (trimmed.Length == 0 || trimmed.Contains(':', StringComparison.Ordinal) && !trimmed.Contains('"', StringComparison.Ordinal)) break;
                lines.Add((i + 1, raw.Length - trimmed.Length + 1, trimmed.Length));
            }
            return new(file, [.. lines]);
        }
        return new(file, [(scalar.Line, scalar.Column + quoted, scalar.Value.Length)]);
    }

    /// <summary>
    /// Walks a quoted scalar written on one line, character of the value by character of the file;
    /// null when the walk does not end on the closing quote (the scalar spans lines, or the text is
    /// not what the parser read), so that the caller falls back to line segments.
    /// </summary>
    private static int[]? QuotedColumns(string raw, int quoteColumn, bool single, string value)
    {
        var columns = new int[value.Length + 1];
        var i = quoteColumn; // 0-based index of the first character after the opening quote
        for (var v = 0; v < value.Length; v++)
        {
            if (i >= raw.Length) return null;
            columns[v] = i + 1;
            if (single)
            {
                i += raw[i] == '\'' && i + 1 < raw.Length && raw[i + 1] == '\'' ? 2 : 1;
            }
            else if (raw[i] == '\\' && i + 1 < raw.Length)
            {
                var width = raw[i + 1] switch { 'x' => 4, 'u' => 6, 'U' => 10, _ => 2 };
                // \U beyond the BMP is two UTF-16 characters of the value for one escape.
                if (raw[i + 1] == 'U' && char.IsHighSurrogate(value[v]) && v + 1 < value.Length) columns[++v] = i + 1;
                i += width;
            }
            else
            {
                i++;
            }
        }
        if (i >= raw.Length || raw[i] != (single ? '\'' : '"')) return null;
        columns[value.Length] = i + 1;
        return columns;
    }

    private static (int, int, int)[] BlockSegments(int indicatorLine, string[] rawLines)
    {
        var segments = new List<(int, int, int)>();
        var indent = -1;
        for (var i = indicatorLine; i < rawLines.Length; i++)
        {
            var raw = rawLines[i];
            var trimmed = raw.TrimStart();
            if (trimmed.Length == 0)
            {
                if (indent >= 0) segments.Add((i + 1, indent + 1, 0));
                continue;
            }
            var lineIndent = raw.Length - trimmed.Length;
            if (indent < 0) indent = lineIndent;
            else if (lineIndent < indent) break;
            segments.Add((i + 1, indent + 1, raw.Length - indent));
        }
        while (segments.Count > 0 && segments[^1].Item3 == 0) segments.RemoveAt(segments.Count - 1);
        return [.. segments];
    }
}
