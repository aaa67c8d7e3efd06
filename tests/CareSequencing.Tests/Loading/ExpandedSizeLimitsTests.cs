using System.Text;
using CareSequencing.Loading;

namespace CareSequencing.Tests.Loading;

/// <summary>
/// Both sides of the limits that stop aliases and references from multiplying size: characters of keys and values
/// per file and per pack with every alias expanded (<see cref="PackLoadLimits.MaxExpandedCharsPerFile"/>,
/// <see cref="PackLoadLimits.MaxExpandedCharsPerPack"/>), and the pack text one pack can put in one advice
/// (<see cref="PackLoadLimits.MaxAdviceCharsPerPack"/>), under small custom limits and under the defaults.
/// The alias-bomb fixtures (<c>Fixtures/hostile/alias-*</c>) are checked by <see cref="HostileYamlTests"/>.
/// </summary>
public sealed class ExpandedSizeLimitsTests
{
    // 3 ("big") + 100 + 4 ("many") + 8 aliases × 100 = 907 characters; the eighth alias is at line 2, column 36.
    private const int Copies = 8;
    private static readonly string Repeated = "big: &b " + new string('a', 100) + "\nmany: [" + string.Join(", ", Enumerable.Repeat("*b", Copies)) + "]\n";
    private const int RepeatedChars = 907;

    private static string Pack(params (string Path, string Text)[] files) => TestData.TempPack([("pack.yaml", TestData.Manifest), .. files]);

    private static RuleSetLoadResult Load(string pack, PackLoadLimits? limits) => RulePackLoader.Load([RulePackSource.Folder(pack)], pinnedVersions: null, limits);

    private static void AssertRefusedBy(string limit, string pack, string file, int line, int column, PackLoadLimits? limits)
    {
        var result = HostileYamlTests.AssertRefused(pack, file, "CSQ1017", line, column, limits);
        var diagnostic = result.Diagnostics.First(d => d.Code == "CSQ1017");
        Assert.Contains($"PackLoadLimits.{limit}", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(PackLoadLimits.FlagName(limit), diagnostic.Message, StringComparison.Ordinal);
    }

    private static void AssertNoLimitDiagnostic(string pack, PackLoadLimits? limits) =>
        Assert.DoesNotContain(Load(pack, limits).Diagnostics, d => d.Code == DiagnosticCodes.LimitExceeded);

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Load_ExpandedCharsAtAndOverTheFileLimit(int under, bool within)
    {
        var limits = new PackLoadLimits { MaxExpandedCharsPerFile = RepeatedChars - under };
        var pack = Pack(("rules.yaml", Repeated));
        if (within) AssertNoLimitDiagnostic(pack, limits);
        else AssertRefusedBy(nameof(PackLoadLimits.MaxExpandedCharsPerFile), pack, "rules.yaml", 2, 8 + (4 * (Copies - 1)), limits);
    }

    [Theory]
    [InlineData(68, true)]
    [InlineData(70, false)]
    public void Load_LongScalarReusedUnderAndOverTheDefaultFileLimit(int copies, bool within)
    {
        // A 60,000-character value and its aliases: 69 × 60,000 = 4,140,000 and 71 × 60,000 = 4,260,000 around the
        // default 4,194,304, from a file of about 60 KB and well under the node limit (the node count cannot see it).
        var text = "big: &b " + new string('a', 60_000) + "\nmany: [" + string.Join(", ", Enumerable.Repeat("*b", copies)) + "]\n";
        var pack = Pack(("rules.yaml", text));
        if (within) AssertNoLimitDiagnostic(pack, null);
        else AssertRefusedBy(nameof(PackLoadLimits.MaxExpandedCharsPerFile), pack, "rules.yaml", 2, 8 + (4 * 68), null);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Load_ExpandedCharsAtAndOverThePackLimit_EachFileUnderTheFileLimit(int under, bool within)
    {
        // Manifest, then the rule files in path order: the pack crosses its limit at the last alias of r1.yaml.
        var total = PackLoadLimitsTests.ExpandedChars(YamlTreeReader.Read(TestData.Manifest)) + (2 * RepeatedChars);
        var limits = new PackLoadLimits { MaxExpandedCharsPerPack = (int)total - under, MaxExpandedCharsPerFile = RepeatedChars };
        var pack = Pack(("r0.yaml", Repeated), ("r1.yaml", Repeated));
        if (within) AssertNoLimitDiagnostic(pack, limits);
        else AssertRefusedBy(nameof(PackLoadLimits.MaxExpandedCharsPerPack), pack, "r1.yaml", 2, 8 + (4 * (Copies - 1)), limits);
    }

    [Fact]
    public void Load_PatientFileAliasBomb_IsRefusedWithoutPatientText()
    {
        var text = "id: Qx9Mrk\nflags: &f [" + string.Join(", ", Enumerable.Repeat("Qx9Mrk" + new string('q', 10_000), 10)) + "]\nmore: [" + string.Join(", ", Enumerable.Repeat("*f", 500)) + "]\n";

        var error = Assert.Throws<PatientContextFormatException>(() => PatientContextReader.Parse(text));

        Assert.Equal("CSQ3010", error.Code);
        Assert.Equal(3, error.Line);
        Assert.DoesNotContain("Qx9Mrk", error.Message, StringComparison.Ordinal);
    }

    private static string CitingRules(int count) =>
        "rules:\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"""
              - id: r{i}
                family: sequencing
                status: active
                title: {"{"} en: R{i}, fr: R{i} {"}"}
                when: facts.HasFlag("a")
                proposal: {"{"} action: do-it-{i}, priority: 50, text: {"{"} en: T, fr: T {"}"} {"}"}
                sources: [long]

            """));

    private static string ManifestCiting(int citationLength) => TestData.Manifest + $"\n  - {{ id: long, citation: \"{new string('c', citationLength)}\" }}\n";

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Load_AdviceTextAtAndOverThePackLimit_SourcesCountedAtEachCitation(int under, bool loads)
    {
        const int Rules = 10;
        var pack = TestData.TempPack(("pack.yaml", ManifestCiting(1_000)), ("rules.yaml", CitingRules(Rules)));
        var loaded = Load(pack, null).GetRuleSetOrThrow().PackModels.Single();
        var total = loaded.Rules.Sum(AdviceText.Of);
        Assert.True(total > Rules * 1_000, $"{total}: each rule counts the source it cites");
        var limits = new PackLoadLimits { MaxAdviceCharsPerPack = (int)total - under };

        if (loads) Assert.False(Load(pack, limits).HasErrors);
        else AssertRefusedBy(nameof(PackLoadLimits.MaxAdviceCharsPerPack), pack, "rules.yaml", 2 + (7 * (Rules - 1)), 5, limits);
    }

    [Theory]
    [InlineData(250, true)]
    [InlineData(300, false)]
    public void Load_OneLongSourceCitedByManyRules_UnderAndOverTheDefaultAdviceLimit(int rules, bool loads)
    {
        // No alias at all: a 60,000-character citation cited by 250 rules (15,000,000) and 300 rules (18,000,000)
        // around the default 16,777,216; the file is about 50 KB, the manifest 60 KB.
        var pack = TestData.TempPack(("pack.yaml", ManifestCiting(60_000)), ("rules.yaml", CitingRules(rules)));
        var result = Load(pack, null);
        if (loads) Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics.Take(3)));
        else Assert.Contains(result.Diagnostics, d => d.Code == "CSQ1017" && d.Message.Contains(nameof(PackLoadLimits.MaxAdviceCharsPerPack), StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_PackAtTheAdviceLimit_AdviceShowsNoMorePackTextThanTheLimit()
    {
        const int Rules = 10;
        var pack = TestData.TempPack(("pack.yaml", ManifestCiting(1_000)), ("rules.yaml", CitingRules(Rules)));
        var total = (int)Load(pack, null).GetRuleSetOrThrow().PackModels.Single().Rules.Sum(AdviceText.Of);
        var ruleSet = Load(pack, new PackLoadLimits { MaxAdviceCharsPerPack = total }).GetRuleSetOrThrow();

        var advice = new CareEvaluator(ruleSet).Evaluate(new PatientContext { Id = "p", Flags = ["a"] });

        Assert.Equal(Rules, advice.Proposals.Count);
        var shown = advice.Proposals.Sum(p => (long)p.RuleId.Length + p.Title.Length + p.Action.Length + (p.Therapy?.Length ?? 0)
            + p.Explanation.Text.Length + p.Explanation.Sources.Sum(s => (long)s.Citation.Length + (s.Url?.Length ?? 0) + (s.Publisher?.Length ?? 0)));
        Assert.InRange(shown, Rules * 1_000, total);
    }

    [Fact]
    public void Limits_AreCountedAfterAliasesAndNotBeforeThem_ASingleValueIsNotAMultiple()
    {
        // The same 907 characters written out without aliases count the same: the limit measures content, not syntax.
        var written = "big: " + new string('a', 100) + "\nmany: [" + string.Join(", ", Enumerable.Repeat(new string('a', 100), Copies)) + "]\n";
        var limits = new PackLoadLimits { MaxExpandedCharsPerFile = RepeatedChars - 1 };

        AssertRefusedBy(nameof(PackLoadLimits.MaxExpandedCharsPerFile), Pack(("rules.yaml", written)), "rules.yaml", 2,
            8 + (102 * (Copies - 1)), limits);
        AssertNoLimitDiagnostic(Pack(("rules.yaml", written)), limits with { MaxExpandedCharsPerFile = RepeatedChars });
        Assert.True(Encoding.UTF8.GetByteCount(written) > RepeatedChars, "the written-out file is larger than what it expands to");
    }
}
