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

    private ExpressionOrigin(string file, (int, int, int)[] segments)
    {
        _file = file;
        _segments = segments;
    }

    public SourceLocation Start => new(_file, _segments[0].Line, _segments[0].Column);

    public SourceLocation Resolve(int offset)
    {
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
