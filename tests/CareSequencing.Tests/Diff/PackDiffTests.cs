using System.Text.Json;
using CareSequencing.Authoring;
using CareSequencing.Authoring.Diff;

namespace CareSequencing.Tests.Diff;

/// <summary>
/// Fixtures/diff/v1 → v2: pack 'demo' 1.0.0 → 1.1.0 (rules and entries added, removed, changed;
/// scenarios added and removed), 'stale' changed without a version bump, 'legacy' removed, 'fresh' added.
/// </summary>
public sealed class PackDiffTests
{
    private static readonly Lazy<RuleSetDiff> Fixture = new(() => PackDiff.Compare(Load(TestData.DiffVersion("v1")), Load(TestData.DiffVersion("v2"))));

    private static CompiledRuleSet Load(string path) => RulePackLoader.Load(path).GetRuleSetOrThrow();

    private static PackChanges Pack(string id) => Fixture.Value.Packs.Single(p => p.Id == id);

    [Fact]
    public void Compare_Fixtures_ListsEveryPackInOrdinalOrder_WithItsStatus()
    {
        Assert.Equal(["demo", "fresh", "legacy", "stale"], Fixture.Value.Packs.Select(p => p.Id));
        Assert.Equal(PackChangeStatus.Changed, Pack("demo").Status);
        Assert.Equal(PackChangeStatus.Added, Pack("fresh").Status);
        Assert.Equal(PackChangeStatus.Removed, Pack("legacy").Status);
        Assert.Equal(PackChangeStatus.Changed, Pack("stale").Status);
        Assert.Equal(("1.0.0", "1.1.0"), (Pack("demo").Old!.Version, Pack("demo").New!.Version));
        Assert.True(Fixture.Value.HasChanges);
    }

    [Fact]
    public void Compare_Fixtures_ReportsAddedAndRemovedRulesAndEntries()
    {
        var demo = Pack("demo");

        Assert.Equal(["demo.add", "demo.ix-add"], demo.Added.Select(r => r.Id));
        Assert.Equal([RuleKind.Rule, RuleKind.InteractionEntry], demo.Added.Select(r => r.Kind));
        var removed = Assert.Single(demo.Removed);
        Assert.Equal("demo.remove", removed.Id);
        Assert.Equal(RuleLifecycle.Active, removed.Status);
        Assert.Equal(["fresh.education"], Pack("fresh").Added.Select(r => r.Id));
        Assert.Equal(["legacy.follow-up"], Pack("legacy").Removed.Select(r => r.Id));
    }

    [Fact]
    public void Compare_ChangedRule_NamesEveryDifferingField_WithOldAndNewValues()
    {
        var change = Pack("demo").Changed.Single(c => c.Id == "demo.change");

        // alert.codes went from [F10, F32] to [F32, F10]: the same set, so not a change.
        Assert.Equal(["status", "when", "alert.severity", "alert.text.fr"], change.Fields.Select(f => f.Field));
        Assert.Equal(new FieldChange("status", "draft", "active"), change.Fields[0]);
        Assert.Equal("facts.HasCondition(\"F32\") && facts.HasConditionInRange(\"F10\", \"F19\")", change.Fields[1].NewValue);
        Assert.Equal(new FieldChange("alert.severity", "moderate", "major"), change.Fields[2]);
    }

    [Fact]
    public void Compare_ChangedEntry_ReportsSeverity_AndUnchangedOnesAreNotListed()
    {
        var demo = Pack("demo");

        var entry = demo.Changed.Single(c => c.Id == "demo.ix-change");
        Assert.Equal(RuleKind.InteractionEntry, entry.Kind);
        Assert.Equal([new FieldChange("severity", "moderate", "major")], entry.Fields);
        Assert.DoesNotContain(demo.Changed, c => c.Id is "demo.keep" or "demo.ix-keep");
        Assert.Equal(["demo.change", "demo.ix-change", "demo.outcome-switch"], demo.Changed.Select(c => c.Id));
    }

    [Fact]
    public void Compare_ProposalBecomesAlert_ReportsTheOutcome_NotEverySubField()
    {
        var change = Pack("demo").Changed.Single(c => c.Id == "demo.outcome-switch");

        Assert.Equal([new FieldChange("outcome", "proposal", "alert")], change.Fields);
    }

    [Fact]
    public void Compare_ManifestChange_IsReported_AndTheVersionBumpDoesNotWarn()
    {
        var demo = Pack("demo");

        Assert.Equal([new FieldChange("releaseDate", "2026-11-01", "2026-12-01")], demo.Manifest);
        Assert.True(demo.ContentChanged);
        Assert.Empty(demo.Warnings);
    }

    [Fact]
    public void Compare_ContentChangedWithoutVersionBump_Warns()
    {
        var stale = Pack("stale");

        Assert.Equal("1.0.0", stale.New!.Version);
        Assert.True(stale.ContentChanged);
        Assert.Equal([new FieldChange("proposal.priority", "50", "60")], Assert.Single(stale.Changed).Fields);
        var warning = Assert.Single(stale.Warnings);
        Assert.Equal(PackDiffWarningKind.VersionNotBumped, warning.Kind);
        Assert.Equal("version-not-bumped", warning.Code);
        Assert.Contains("still 1.0.0", warning.Message, StringComparison.Ordinal);
        Assert.Equal([warning], Fixture.Value.Warnings);
    }

    [Fact]
    public void Compare_ScenarioAdvice_ChangedScenariosAreListedWithALineDiff()
    {
        var scenarios = Pack("demo").Scenarios;

        Assert.Equal(4, scenarios.Compared);
        Assert.Equal(["double-diagnosis", "follow-up", "ssri-tramadol"], scenarios.AdviceChanged.Select(c => c.Name));
        var ssriTramadol = scenarios.AdviceChanged.Single(c => c.Name == "ssri-tramadol");
        Assert.Contains("-       \"severity\": \"moderate\",\n+       \"severity\": \"major\",", ssriTramadol.Diff, StringComparison.Ordinal);
        Assert.Equal("alerts +demo.change", scenarios.AdviceChanged.Single(c => c.Name == "double-diagnosis").Summary);
        Assert.Equal("proposals +demo.add:schedule-review -demo.remove:old-step", scenarios.AdviceChanged.Single(c => c.Name == "follow-up").Summary);
        Assert.Equal("alerts ~demo.ix-change severity moderate -> major", ssriTramadol.Summary);
    }

    [Fact]
    public void Compare_ScenarioAdvice_ChangeInAnUnbumpedPackIsFound()
    {
        var change = Assert.Single(Pack("stale").Scenarios.AdviceChanged);

        Assert.Equal("anxiety", change.Name);
        Assert.Equal("proposals ~stale.cbt:start-psychotherapy:cbt score 50 -> 60", change.Summary);
        Assert.Contains("-         \"priority\": 50,\n+         \"priority\": 60,", change.Diff, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ScenariosPresentOnlyInOneSide_AreListed()
    {
        var scenarios = Pack("demo").Scenarios;

        Assert.Equal(["old-step"], scenarios.OnlyInOld);
        Assert.Equal(["follow-up", "ssri-tramadol"], scenarios.OnlyInNew);
    }

    [Fact]
    public void Compare_SameFolder_FindsNoChanges()
    {
        var rules = Load(TestData.DiffVersion("v2"));

        var diff = PackDiff.Compare(rules, Load(TestData.DiffVersion("v2")));

        Assert.False(diff.HasChanges);
        Assert.All(diff.Packs, p => Assert.Equal(PackChangeStatus.Unchanged, p.Status));
        Assert.Empty(diff.Warnings);
    }

    [Fact]
    public void Compare_VersionBumpAlone_ChangesNoScenarioAdvice()
    {
        // The advice names the pack version, but a bump alone must not make every scenario look changed.
        var old = VersionedPack("1.0.0", "2026-11-01", priority: 50);
        var @new = VersionedPack("1.0.1", "2026-12-01", priority: 50);

        var pack = Assert.Single(PackDiff.Compare(Load(old), Load(@new)).Packs);

        Assert.Equal(PackChangeStatus.Changed, pack.Status);
        Assert.Equal(1, pack.Scenarios.Compared);
        Assert.Empty(pack.Scenarios.AdviceChanged);
        Assert.Empty(pack.Changed);
        Assert.Empty(pack.Warnings);
    }

    [Theory]
    [InlineData("1.2.0", "1.1.9", true)]
    [InlineData("1.0.0", "1.0.0-rc.1", true)]
    [InlineData("1.0.0-rc.2", "1.0.0-rc.10", false)]
    [InlineData("1.9.0", "1.10.0", false)]
    [InlineData("1.0.0-alpha", "1.0.0-alpha.1", false)]
    public void Compare_VersionGoingDown_Warns(string oldVersion, string newVersion, bool lowered)
    {
        var pack = Assert.Single(PackDiff.Compare(Load(VersionedPack(oldVersion, "2026-11-01", 50)), Load(VersionedPack(newVersion, "2026-11-01", 60))).Packs);

        Assert.Equal(lowered, pack.Warnings.Any(w => w.Kind == PackDiffWarningKind.VersionLowered));
        Assert.DoesNotContain(pack.Warnings, w => w.Kind == PackDiffWarningKind.VersionNotBumped);
    }

    [Fact]
    public void JsonWriter_WritesTheContract_ByteIdenticalTwice()
    {
        var json = PackDiffJsonWriter.Write(Fixture.Value);

        Assert.Equal(json, PackDiffJsonWriter.Write(PackDiff.Compare(Load(TestData.DiffVersion("v1")), Load(TestData.DiffVersion("v2")))));
        using var document = JsonDocument.Parse(json);
        var demo = document.RootElement.GetProperty("packs")[0];
        Assert.Equal("demo", demo.GetProperty("id").GetString());
        Assert.Equal("changed", demo.GetProperty("status").GetString());
        Assert.Equal("1.1.0", demo.GetProperty("newVersion").GetString());
        Assert.Equal("demo.add", demo.GetProperty("added")[0].GetProperty("id").GetString());
        Assert.Equal("alert.severity", demo.GetProperty("changed")[0].GetProperty("fields")[2].GetProperty("field").GetString());
        Assert.Equal(3, demo.GetProperty("scenarios").GetProperty("adviceChanged").GetArrayLength());
        Assert.Equal("version-not-bumped", document.RootElement.GetProperty("warnings")[0].GetProperty("code").GetString());
    }

    [Fact]
    public void TextWriter_ShowsVersionsFieldsScenariosAndWarnings()
    {
        var text = PackDiffTextWriter.Write(Fixture.Value);

        Assert.Contains("demo 1.0.0 -> 1.1.0\n", text, StringComparison.Ordinal);
        Assert.Contains("  changed: demo.ix-change (entry): severity moderate -> major\n", text, StringComparison.Ordinal);
        Assert.Contains("  changed: demo.change (rule): status draft -> active; when; alert.severity moderate -> major;", text, StringComparison.Ordinal);
        Assert.Contains("    double-diagnosis: alerts +demo.change\n", text, StringComparison.Ordinal);
        Assert.Contains("stale 1.0.0 (version unchanged, content changed)\n  warning version-not-bumped:", text, StringComparison.Ordinal);
        Assert.Contains("legacy 0.9.0 (removed)", text, StringComparison.Ordinal);
        Assert.EndsWith("4 pack(s): 2 changed, 1 added, 1 removed, 0 unchanged; 4 scenario(s) with changed advice; 1 warning(s)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TextWriter_ScenariosChangedTheSameWay_AreShownOnce()
    {
        var old = VersionedPack("1.0.0", "2026-11-01", priority: 50);
        var @new = VersionedPack("1.1.0", "2026-11-01", priority: 60);
        File.Copy(Path.Combine(@new, "scenarios", "isolated.yaml"), Path.Combine(@new, "scenarios", "isolated-again.yaml"));

        var diff = PackDiff.Compare(Load(old), Load(@new));
        var text = PackDiffTextWriter.Write(diff);

        Assert.Equal(2, diff.Packs[0].Scenarios.AdviceChanged.Count);
        Assert.Contains("    isolated, isolated-again (2 scenarios, same change): proposals ~r1:do-it score 50 -> 60\n", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l.Contains("-       \"score\": 50,", StringComparison.Ordinal));
    }

    /// <summary>A one-rule pack with one scenario that fires the rule.</summary>
    private static string VersionedPack(string version, string releaseDate, int priority) => TestData.TempPack(
        ("pack.yaml", TestData.Manifest.Replace("version: 1.0.0", $"version: {version}", StringComparison.Ordinal)
            .Replace("releaseDate: 2026-11-01", $"releaseDate: {releaseDate}", StringComparison.Ordinal)),
        ("rules.yaml", $$"""
            rules:
              - id: r1
                family: sequencing
                status: active
                title: { en: R, fr: R }
                when: facts.HasFlag("social-isolation")
                proposal: { action: do-it, priority: {{priority}}, text: { en: T, fr: T } }
                sources: [s]
            """),
        ("scenarios/isolated.yaml", """
            evaluatedAt: 2026-12-15T09:00:00Z
            patient: { id: s1, age: 40, flags: [social-isolation], phase: { current: assessment } }
            """));
}
