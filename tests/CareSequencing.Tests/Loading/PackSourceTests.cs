using CareSequencing.Packs;

namespace CareSequencing.Tests.Loading;

public sealed class PackSourceTests
{
    private static readonly System.Reflection.Assembly Tests = typeof(PackSourceTests).Assembly;

    private static string Versions => TestData.Invalid("CSQ1027-pinned-version");

    [Fact]
    public void LoadEmbedded_BasicPack_HasTheFolderPacksIdVersionAndHash()
    {
        var embedded = RulePackLoader.LoadEmbedded(Tests, "embedded/basic");

        Assert.False(embedded.HasErrors, string.Join("\n", embedded.Diagnostics));
        Assert.Equal(TestData.BasicRules.Packs, embedded.GetPartialRuleSet().Packs);
        Assert.Equal(TestData.BasicRules.RuleCount, embedded.GetPartialRuleSet().RuleCount);
        // The draft rule's CSQ1014 warning names the embedded file.
        var warning = Assert.Single(embedded.Diagnostics);
        Assert.StartsWith("embedded:CareSequencing.Tests/embedded/basic/rules/rules.yaml", warning.Location.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LoadEmbedded_PackWithError_LocatesItAsEmbeddedFileLineColumn()
    {
        var result = RulePackLoader.LoadEmbedded(Tests, "embedded/invalid");

        Assert.True(result.HasErrors);
        var error = Assert.Single(result.Diagnostics, d => d.Code == "CSQ1002");
        Assert.Equal("embedded:CareSequencing.Tests/embedded/invalid/rules.yaml:9:7", error.Location.ToString());
        Assert.Equal("embedded:CareSequencing.Tests/embedded/invalid", Assert.Single(result.RejectedPacks));
    }

    [Theory]
    [InlineData("embedded/nothing")]
    [InlineData("embedded/bas")]
    public void LoadEmbedded_PrefixWithoutPack_ReportsCsq1010(string prefix)
    {
        var result = RulePackLoader.LoadEmbedded(Tests, prefix);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("CSQ1010", $"embedded:CareSequencing.Tests/{prefix}"), (diagnostic.Code, diagnostic.Location.File));
        Assert.Empty(result.GetPartialRuleSet().Packs);
    }

    [Fact]
    public void ShippedPacks_Embedded_AreTheRulesFolderPacks()
    {
        var folder = RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow();

        var embedded = ShippedPacks.Load();

        Assert.False(embedded.HasErrors, string.Join("\n", embedded.Diagnostics));
        Assert.Equal(folder.Packs, embedded.GetPartialRuleSet().Packs);
        Assert.Equal(5, embedded.GetPartialRuleSet().Packs.Count);
    }

    [Fact]
    public void Load_TwoVersionsSideBySide_WithoutPin_IsCsq1015_WhoseHintNamesThePin()
    {
        var result = RulePackLoader.Load(Versions);

        // The second version's rule ids clash with the first's too (CSQ1003).
        var error = Assert.Single(result.Diagnostics, d => d.Code == "CSQ1015");
        Assert.Equal("1.0.0", Assert.Single(result.GetPartialRuleSet().Packs).Version);
        Assert.Contains("PinPackVersion", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.0.0", 50)]
    [InlineData("1.1.0", 60)]
    public void Load_TwoVersionsSideBySide_WithPin_SelectsThePinnedVersion(string version, int priority)
    {
        var result = RulePackLoader.Load([RulePackSource.Folder(Versions)], new Dictionary<string, string> { ["pinned"] = version });

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal(version, Assert.Single(result.GetPartialRuleSet().Packs).Version);
        var advice = TestData.Evaluator(result.GetPartialRuleSet()).Evaluate(TestData.FullPatient);
        Assert.Equal(priority, Assert.Single(advice.Proposals).Score.Priority);
    }

    [Fact]
    public void Load_PinnedVersionNotPresent_IsCsq1027_OnEachVersionFound()
    {
        var result = RulePackLoader.Load([RulePackSource.Folder(Versions)], new Dictionary<string, string> { ["pinned"] = "2.0.0" });

        Assert.Empty(result.GetPartialRuleSet().Packs);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.All(errors, e => Assert.Equal("CSQ1027", e.Code));
        Assert.Equal(2, errors.Count);
        Assert.EndsWith("CSQ1027-pinned-version/pinned/1.0.0/pack.yaml", errors[0].Location.File, StringComparison.Ordinal);
        Assert.EndsWith("CSQ1027-pinned-version/pinned/1.1.0/pack.yaml", errors[1].Location.File, StringComparison.Ordinal);
        Assert.Contains("pinned to version 2.0.0", errors[0].Message, StringComparison.Ordinal);
        Assert.NotNull(errors[0].Hint);
        Assert.Equal(2, result.RejectedPacks.Count);
        Assert.Throws<RulePackLoadException>(() => result.GetRuleSetOrThrow());
    }

    [Fact]
    public void Load_PinnedPackAbsent_IsCsq1027_AndTheOtherPacksStillLoad()
    {
        var result = RulePackLoader.Load([RulePackSource.Folder(TestData.BasicPack)], new Dictionary<string, string> { ["drug-interactions"] = "1.1.0" });

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CSQ1027", error.Code);
        Assert.Contains("'drug-interactions'", error.Message, StringComparison.Ordinal);
        Assert.Equal("test-basic", Assert.Single(result.GetPartialRuleSet().Packs).Id);
    }

    [Fact]
    public void Load_PinMatchingTheOnlyVersion_LoadsIt_AndEmbeddedVersionsCanBePinnedToo()
    {
        var folder = RulePackLoader.Load([RulePackSource.Folder(TestData.BasicPack)], new Dictionary<string, string> { ["test-basic"] = "1.2.3" });
        var embedded = RulePackLoader.Load([RulePackSource.Embedded(Tests, "embedded/versions")], new Dictionary<string, string> { ["pinned"] = "1.1.0" });

        Assert.False(folder.HasErrors);
        Assert.Equal("1.2.3", Assert.Single(folder.GetPartialRuleSet().Packs).Version);
        Assert.False(embedded.HasErrors, string.Join("\n", embedded.Diagnostics));
        Assert.Equal("1.1.0", Assert.Single(embedded.GetPartialRuleSet().Packs).Version);
    }

    [Theory]
    [InlineData("Drug-Interactions", "1.1.0")]
    [InlineData("drug-interactions", "1.1")]
    [InlineData("drug-interactions", "latest")]
    public void Load_InvalidPin_Throws(string id, string version)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            RulePackLoader.Load([RulePackSource.Folder(TestData.BasicPack)], new Dictionary<string, string> { [id] = version }));

        Assert.Equal("pinnedVersions", error.ParamName);
    }

    [Fact]
    public void RulePackSource_DescribesItself()
    {
        var folder = RulePackSource.Folder("rules");
        var embedded = RulePackSource.Embedded(Tests, "/embedded\\basic/");

        Assert.Equal(("rules", true), (folder.ToString(), folder.IsFolder));
        Assert.Equal(("embedded:CareSequencing.Tests/embedded/basic", false), (embedded.ToString(), embedded.IsFolder));
        Assert.Equal("embedded/basic", embedded.ResourcePrefix);
        Assert.Throws<ArgumentException>(() => RulePackSource.Folder(" "));
        Assert.Throws<ArgumentNullException>(() => RulePackSource.Embedded(null!, "rules"));
    }
}
