using System.Collections.Immutable;

namespace CareSequencing.Model;

/// <summary>Text in several languages; falls back to English, then to any language present.</summary>
internal sealed class LocalizedText
{
    public static readonly LocalizedText Empty = new(ImmutableSortedDictionary<string, string>.Empty);

    public LocalizedText(ImmutableSortedDictionary<string, string> values) => Values = values;

    public ImmutableSortedDictionary<string, string> Values { get; }

    public string Get(string language)
    {
        if (Values.TryGetValue(language, out var text)) return text;
        if (Values.TryGetValue(Languages.Fallback, out text)) return text;
        return Values.Count > 0 ? Values.First().Value : string.Empty;
    }

    public static LocalizedText Of(string en, string fr) => new(
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            [new KeyValuePair<string, string>("en", en), new KeyValuePair<string, string>("fr", fr)]));
}

/// <summary>The languages explanation text is written in.</summary>
internal static class Languages
{
    public const string Fallback = "en";

    public static readonly ImmutableArray<string> Supported = ["en", "fr"];

    public static bool IsSupported(string? language) => language is not null && Supported.Contains(language);
}
