namespace CareSequencing.Fhir.Terminology;

/// <summary>A bounded, expiring, least-recently-used cache of server answers. One lock: a lookup is nothing next to an HTTP call.</summary>
internal sealed class TranslationCache<TKey>(int capacity, TimeSpan duration, TimeProvider time) where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, CodeTranslation Value, DateTimeOffset Expires)>> _entries = [];
    private readonly LinkedList<(TKey Key, CodeTranslation Value, DateTimeOffset Expires)> _order = new();
    private readonly Lock _lock = new();

    public bool TryGet(TKey key, out CodeTranslation value)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                if (node.Value.Expires > time.GetUtcNow())
                {
                    _order.Remove(node);
                    _order.AddFirst(node);
                    value = node.Value.Value;
                    return true;
                }
                _order.Remove(node);
                _entries.Remove(key);
            }
        }
        value = CodeTranslation.None;
        return false;
    }

    public void Set(TKey key, CodeTranslation value)
    {
        if (capacity == 0 || duration <= TimeSpan.Zero) return;
        lock (_lock)
        {
            if (_entries.Remove(key, out var old)) _order.Remove(old);
            while (_entries.Count >= capacity && _order.Last is { } last)
            {
                _order.RemoveLast();
                _entries.Remove(last.Value.Key);
            }
            _entries[key] = _order.AddFirst((key, value, time.GetUtcNow() + duration));
        }
    }
}
