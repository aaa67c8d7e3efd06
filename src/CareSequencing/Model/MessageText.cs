using System.Collections.Immutable;

namespace CareSequencing.Model;

/// <summary>
/// A sentence of the <see cref="MessageCatalog"/> kept as key and arguments, so that it is rendered in
/// the reader's language when shown rather than in the language of whoever found the problem.
/// Arguments are rendered recursively when they are themselves <see cref="MessageText"/> (e.g. "a rule").
/// Arguments come from pack files or fixed vocabularies, never from patient data.
/// </summary>
internal sealed class MessageText : IEquatable<MessageText>
{
    public MessageText(string key, params object?[] args)
    {
        Key = key;
        Args = [.. args];
    }

    public string Key { get; }

    public ImmutableArray<object?> Args { get; }

    /// <summary>The sentence in <paramref name="language"/>; see <see cref="MessageCatalog.Get"/> for the fallback order.</summary>
    public string Render(string language) =>
        MessageCatalog.Get(Key, language, [.. Args.Select(a => a is MessageText inner ? inner.Render(language) : a)]);

    /// <summary>English, the stable text for logs, CI and tools.</summary>
    public override string ToString() => Render(Languages.Fallback);

    public bool Equals(MessageText? other) =>
        other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal) && Args.SequenceEqual(other.Args);

    public override bool Equals(object? obj) => Equals(obj as MessageText);

    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Key), Args.Length);
}
