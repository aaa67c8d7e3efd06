namespace CareSequencing.Model;

/// <summary>
/// "Did you mean…?" for keys, ids and actions: the edit distance between two words, and the closest
/// candidate within a tolerance that grows with the word's length.
/// </summary>
internal static class Spelling
{
    /// <summary>The candidate closest to <paramref name="word"/>, or null when none is within <c>max(2, length / divisor)</c> edits.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates, int divisor = 3)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(word, candidate);
            if (distance < bestDistance || (distance == bestDistance && best is not null && string.CompareOrdinal(candidate, best) < 0))
                (best, bestDistance) = (candidate, distance);
        }
        return bestDistance <= Math.Max(2, word.Length / divisor) ? best : null;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions, each costing one.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
