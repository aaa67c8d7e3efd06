using System.Text.RegularExpressions;
using CareSequencing.Model;

namespace CareSequencing.Tests.Localization;

/// <summary>
/// The catalogue is complete and consistent: both languages for every key, the same placeholders in
/// both, every key the sources name defined. A merge that adds a sentence without French fails here.
/// </summary>
public sealed partial class MessageCatalogTests
{
    [Fact]
    public void All_EveryKey_HasEnglishAndFrench()
    {
        var missing = MessageCatalog.All.Where(e => string.IsNullOrWhiteSpace(e.Value.En) || string.IsNullOrWhiteSpace(e.Value.Fr))
            .Select(e => e.Key).ToList();

        Assert.True(missing.Count == 0, "keys without both languages: " + string.Join(", ", missing));
        Assert.True(MessageCatalog.All.Count > 150, "the catalogue holds the diagnostics, input warnings and tool texts");
    }

    [Fact]
    public void All_EveryKey_HasTheSamePlaceholdersInBothLanguages()
    {
        var mismatched = MessageCatalog.All
            .Where(e => !Placeholders(e.Value.En).SetEquals(Placeholders(e.Value.Fr)))
            .Select(e => $"{e.Key}: en {{{string.Join(",", Placeholders(e.Value.En))}}} fr {{{string.Join(",", Placeholders(e.Value.Fr))}}}")
            .ToList();

        Assert.True(mismatched.Count == 0, string.Join("\n", mismatched));
    }

    [Fact]
    public void Get_EveryTemplate_FormatsWithItsArguments()
    {
        foreach (var (key, (en, fr)) in MessageCatalog.All)
        {
            var count = Placeholders(en).Select(int.Parse).DefaultIfEmpty(-1).Max() + 1;
            var args = Enumerable.Range(0, count).Select(i => (object?)$"<arg{i}>").ToArray();
            foreach (var language in new[] { "en", "fr" })
            {
                var text = MessageCatalog.Get(key, language, args);
                Assert.DoesNotMatch(PlaceholderPattern(), text);
                for (var i = 0; i < count; i++) Assert.Contains($"<arg{i}>", text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Sources_EveryCatalogueKeyTheyName_IsDefined()
    {
        var src = Path.Combine(TestData.RepositoryRoot, "src");
        var used = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith("MessageCatalog", StringComparison.Ordinal))
            .SelectMany(f => KeyLiteralPattern().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups["key"].Value)))
            .ToList();

        var undefined = used.Where(u => !MessageCatalog.All.ContainsKey(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct().ToList();

        Assert.True(used.Count > 150, "the scan finds the keys the sources use");
        Assert.True(undefined.Count == 0, "keys used but not in the catalogue: " + string.Join(", ", undefined));
    }

    [Fact]
    public void Get_UnsupportedLanguage_FallsBackToEnglish()
    {
        Assert.Equal(MessageCatalog.Get("diag.unknown-key", "en", "x", "y"), MessageCatalog.Get("diag.unknown-key", "de", "x", "y"));
        Assert.Equal(MessageCatalog.Get("diag.unknown-key", "en", "x", "y"), MessageCatalog.Get("diag.unknown-key", null, "x", "y"));
        Assert.Equal("Unknown key 'x' in y.", MessageCatalog.Get("diag.unknown-key", "de", "x", "y"));
    }

    [Fact]
    public void Get_UnknownKey_ReturnsTheKeyWithoutThrowing() =>
        Assert.Equal("no.such-key", MessageCatalog.Get("no.such-key", "fr", "x"));

    [Fact]
    public void Get_French_UsesFrenchTypography()
    {
        Assert.Equal("Clé « x » inconnue dans une règle.", new MessageText("diag.unknown-key", "x", new MessageText("what.rule")).Render("fr"));
        Assert.Equal("Unknown key 'x' in a rule.", new MessageText("diag.unknown-key", "x", new MessageText("what.rule")).ToString());
    }

    private static HashSet<string> Placeholders(string template) =>
        [.. PlaceholderPattern().Matches(template.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal)).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    // A string literal that looks like a catalogue key of one of the areas (a prefix such as "hint.default." ends with a dot and is left out).
    [GeneratedRegex("\"(?<key>(?:diag|hint|what|kind|input|fhir|cli|diff|lint|scenario|sandbox)\\.[a-z0-9.-]*[a-z0-9])\"")]
    private static partial Regex KeyLiteralPattern();
}
