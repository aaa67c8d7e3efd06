using CareSequencing.Authoring.Scenarios;
using CareSequencing.Authoring.Import;
using CareSequencing.Authoring.Import.Ansm;
using Xunit;

namespace CareSequencing.Tests.Import;

/// <summary>The ANSM import against the project's shared reference data: reproducible, complete, reported.</summary>
public sealed class AnsmThesaurusImportTests
{
    internal static string SharedData(string folder)
    {
        var path = Path.GetFullPath(Path.Combine(TestData.RepositoryRoot, "..", "shared", "data", folder));
        Assert.True(Directory.Exists(path), $"the shared reference data is expected at {path}");
        return path;
    }

    internal static string CommittedPack => Path.Combine(TestData.ShippedRules, AnsmThesaurusImport.PackId);

    private static readonly Lazy<ImportResult> Import = new(() => AnsmThesaurusImport.Run(new AnsmImportOptions { DataFolder = SharedData("ddi") }));

    [Fact]
    public void Run_OnSharedData_ReproducesTheCommittedPackByteForByte()
    {
        var folder = Path.Combine(Path.GetTempPath(), "csq-tests", Guid.NewGuid().ToString("N"));
        Import.Value.WriteTo(folder);
        var written = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToList();
        var committed = Directory.EnumerateFiles(CommittedPack, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(CommittedPack, f))
            .Where(f => !f.StartsWith("scenarios", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(committed, written);
        foreach (var file in written)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(CommittedPack, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(folder, file))),
                $"{file} differs from the committed pack: rerun 'caresequencing import ansm --data ../shared/data/ddi --out rules/{AnsmThesaurusImport.PackId}'");
        }
    }

    [Fact]
    public void Run_Twice_GivesTheSameFiles()
    {
        var again = AnsmThesaurusImport.Run(new AnsmImportOptions { DataFolder = SharedData("ddi") });
        Assert.Equal(Import.Value.Files, again.Files);
    }

    [Fact]
    public void Run_ImportsAtLeast95PercentOfRows_AndReportsEveryOtherRow()
    {
        var result = Import.Value;
        Assert.Equal(1463, result.RowsRead);
        Assert.True(result.EntriesWritten >= 1390, $"{result.EntriesWritten} entries");
        var rows = result.Unmapped.Where(u => u.Kind == "row").ToList();
        Assert.Equal(result.RowsRead, result.EntriesWritten + rows.Count);
        Assert.All(result.Unmapped, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));
        Assert.Equal(rows.Count, rows.Select(r => r.Line).Distinct().Count());
        Assert.Equal(result.EntriesWritten, result.EntriesBySeverity.Values.Sum());
        Assert.All(new[] { "contraindicated", "major", "moderate", "minor" }, s => Assert.True(result.EntriesBySeverity.GetValueOrDefault(s) > 0, s));
    }

    [Fact]
    public void CommittedPack_Loads_AndEveryEntryCitesTheEditionAndItsRow()
    {
        var load = RulePackLoader.Load(CommittedPack);
        Assert.False(load.HasErrors, string.Join("\n", load.Diagnostics));
        var pack = Assert.Single(load.RuleSet.PackModels);
        Assert.True(pack.SampledCoverage);
        Assert.Equal(Import.Value.EntriesWritten, pack.Interactions.Length);
        foreach (var entry in pack.Interactions)
        {
            var source = Assert.Single(entry.Sources);
            Assert.Contains("août 2016", source.Citation, StringComparison.Ordinal);
            Assert.Matches(@"Row at line \d+ of ansm-thesaurus-2016-08-interactions", source.Citation);
            Assert.StartsWith("https://ansm.sante.fr/", source.Url, StringComparison.Ordinal);
            Assert.Equal(2016, source.Year);
        }
        Assert.Contains("check", pack.Description.Get("en"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("édition en vigueur", pack.Description.Get("fr"), StringComparison.Ordinal);
    }

    [Fact]
    public void CommittedPack_EveryEntryFiresForTheCodesItNames()
    {
        var ruleSet = RulePackLoader.Load(CommittedPack).GetRuleSetOrThrow();
        var evaluator = new CareEvaluator(ruleSet, new FixedTimeProvider(TestData.Now));
        var checkedEntries = 0;
        foreach (var entry in ruleSet.PackModels[0].Interactions)
        {
            // One medication per side, two different codes (a class paired with itself needs two members).
            var a = entry.A.Codes[0];
            var b = entry.B.Codes.FirstOrDefault(c => !string.Equals(c, a, StringComparison.Ordinal) && !a.StartsWith(c, StringComparison.Ordinal) && !c.StartsWith(a, StringComparison.Ordinal));
            if (b is null) continue;
            var advice = evaluator.Evaluate(new PatientContext
            {
                Medications = [new PatientMedication(a) { Name = "a" }, new PatientMedication(b) { Name = "b" }],
            });
            Assert.True(advice.Alerts.Any(x => AlertNames(x, entry.Id)), $"{entry.Id} did not fire for {a} + {b}");
            checkedEntries++;
        }
        Assert.True(checkedEntries >= 1380, $"{checkedEntries} entries checked");
    }

    internal static bool AlertNames(Alert alert, string entryId) => string.Equals(alert.RuleId, entryId, StringComparison.Ordinal)
        || alert.Merged.Any(m => string.Equals(m.RuleId, entryId, StringComparison.Ordinal));

    [Fact]
    public void CommittedPack_FrenchTextsNameTheAnsmLevel_EnglishTextsAreMarkedAsTemplates()
    {
        var pack = RulePackLoader.Load(CommittedPack).GetRuleSetOrThrow().PackModels[0];
        string[] levels = ["Contre-indication", "Association déconseillée", "Précaution d'emploi", "À prendre en compte"];
        foreach (var entry in pack.Interactions)
        {
            Assert.Contains(levels, l => entry.Mechanism.Get("fr").StartsWith(l, StringComparison.Ordinal));
            Assert.Contains(AnsmImportText.TemplateMark, entry.Mechanism.Get("en"), StringComparison.Ordinal);
            Assert.Contains("(ANSM: ", entry.Mechanism.Get("en"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Run_WithoutAtcIndexBesideTheData_IsRefusedAndNamesTheOption()
    {
        var data = Path.Combine(Path.GetTempPath(), "csq-tests", Guid.NewGuid().ToString("N"), "ddi");
        Directory.CreateDirectory(data);
        foreach (var file in Directory.EnumerateFiles(SharedData("ddi"), "ansm-*")) File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
        var error = Assert.Throws<FileNotFoundException>(() => AnsmThesaurusImport.Run(new AnsmImportOptions { DataFolder = data }));
        Assert.Contains("--atc-index", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WithAMissingInputFile_IsRefused()
    {
        var data = Path.Combine(Path.GetTempPath(), "csq-tests", Guid.NewGuid().ToString("N"), "ddi");
        Directory.CreateDirectory(data);
        File.Copy(Path.Combine(SharedData("ddi"), "ansm-thesaurus-2016-08-interactions.scossin.tsv"), Path.Combine(data, "ansm-thesaurus-2016-08-interactions.scossin.tsv"));
        Assert.Throws<FileNotFoundException>(() => AnsmThesaurusImport.Run(new AnsmImportOptions
        {
            DataFolder = data,
            AtcIndexPath = Path.Combine(SharedData("terminology"), "who-atc-ddd-2026-04-25.fabkury-atcd.csv"),
        }));
    }

    [Theory]
    [InlineData("N06AB04 N99ZZ99", "is not in the WHO ATC index")]
    [InlineData("", "must say why")]
    public void Run_WithABadSupplementRow_IsRefusedWithItsLine(string codes, string expected)
    {
        var supplement = Path.Combine(Path.GetTempPath(), "csq-tests", Guid.NewGuid().ToString("N") + ".tsv");
        Directory.CreateDirectory(Path.GetDirectoryName(supplement)!);
        File.WriteAllText(supplement, $"ansm_name\tatc_codes\twho_atc_name\tnote\nCAFEINE\tN06BC01\tcaffeine\tok\nFOO\t{codes}\t\t\n");
        var error = Assert.Throws<FormatException>(() => AnsmThesaurusImport.Run(new AnsmImportOptions { DataFolder = SharedData("ddi"), SupplementPath = supplement }));
        Assert.Contains(":3:", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTo_RemovesStaleGeneratedRuleFiles_AndKeepsScenarios()
    {
        var folder = Path.Combine(Path.GetTempPath(), "csq-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "rules"));
        Directory.CreateDirectory(Path.Combine(folder, "scenarios"));
        File.WriteAllText(Path.Combine(folder, "rules", "ansm-zz.yaml"), "stale");
        File.WriteAllText(Path.Combine(folder, "scenarios", "mine.yaml"), "kept");
        Import.Value.WriteTo(folder);
        Assert.False(File.Exists(Path.Combine(folder, "rules", "ansm-zz.yaml")));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(folder, "scenarios", "mine.yaml")));
    }
}
