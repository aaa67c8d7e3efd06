using System.Text;

namespace CareSequencing.Authoring.Scenarios;

/// <summary>A small line diff (longest common subsequence) for snapshot failures: '-' approved, '+' received.</summary>
internal static class LineDiff
{
    private const int Context = 2;
    private const int MaxLines = 4000;

    public static string Unified(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        if (a.Length > MaxLines || b.Length > MaxLines) return "  (snapshots too long to diff; compare the files)";

        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = string.Equals(a[i], b[j], StringComparison.Ordinal) ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var lines = new List<(char Op, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && string.Equals(a[x], b[y], StringComparison.Ordinal)) { lines.Add((' ', a[x])); x++; y++; }
            // Removals before additions on a tie, so a changed line reads '-' old then '+' new.
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1])) { lines.Add(('-', a[x])); x++; }
            else { lines.Add(('+', b[y])); y++; }
        }

        var text = new StringBuilder();
        var lastPrinted = -1;
        for (var k = 0; k < lines.Count; k++)
        {
            if (lines[k].Op == ' ') continue;
            for (var c = Math.Max(lastPrinted + 1, k - Context); c < k; c++) text.Append("  ").Append(lines[c].Text).Append('\n');
            text.Append(lines[k].Op).Append(' ').Append(lines[k].Text).Append('\n');
            lastPrinted = k;
            // Trailing context after the change.
            for (var c = k + 1; c < lines.Count && c <= k + Context && lines[c].Op == ' '; c++)
            {
                text.Append("  ").Append(lines[c].Text).Append('\n');
                lastPrinted = c;
            }
        }
        return text.ToString();
    }
}
