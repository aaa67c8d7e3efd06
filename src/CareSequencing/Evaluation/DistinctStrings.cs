namespace CareSequencing.Evaluation;

/// <summary>
/// Strings in first-seen order without repeats (ordinal). A linear scan while the list is short,
/// cheaper than hashing for the handful of entries a patient usually has; a set once it is long, so
/// that a patient with thousands of entries costs linear, not quadratic, time.
/// </summary>
internal struct DistinctStrings(int capacity)
{
    /// <summary>Up to this many entries, a repeat is found by scanning the list.</summary>
    internal const int LinearScanLimit = 16;

    private HashSet<string>? _set;

    /// <summary>The distinct strings, in the order first added.</summary>
    public List<string> Items { get; } = new(capacity);

    /// <summary>Adds <paramref name="value"/> unless it is already there; true when added.</summary>
    public bool Add(string value)
    {
        if (_set is not null)
        {
            if (!_set.Add(value)) return false;
        }
        else if (Items.Contains(value))
        {
            return false;
        }
        else if (Items.Count == LinearScanLimit)
        {
            _set = new HashSet<string>(Items, StringComparer.Ordinal) { value };
        }
        Items.Add(value);
        return true;
    }
}
