using CareSequencing.Authoring.Import;
using CareSequencing.Authoring.Import.Terminology;
using Xunit;

namespace CareSequencing.Tests.Import;

/// <summary>The terminology import against the shared data: reproducible, every row sourced, stale codes handled, licences respected.</summary>
public sealed class TerminologyImportTests
{
    private static string CommittedMaps => Path.Combine(TestData.RepositoryRoot, "src", "CareSequencing.Fhir", "Terminology", "Data");

    private static string AtcNames => Path.Combine(TestData.RepositoryRoot, "rules", "reference", "atc-codes.tsv");

    private static TerminologyImportOptions Options(string? synonyms = null, string? exceptions = null, string? snomed = null) => new()
    {
        DataFolder = AnsmThesaurusImportTests.SharedData("terminology"),
        AtcNamesPath = AtcNames,
        SynonymsPath = synonyms,
        ExceptionsPath = exceptions,
        SnomedPath = snomed,
    };

    private static readonly Lazy<ImportResult> Import = new(() => TerminologyImport.Run(Options()));

    private static string[][] Rows(string file) =>
        [.. Import.Value.Files.Single(f => f.RelativePath == file).Content.Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#').Skip(1).Select(l => l.Split('\t'))];

    [Fact]
    public void Run_OnSharedData_ReproducesTheCommittedMapsByteForByte()
    {
        var folder = Path.Combine(Path.GetTempPath(), "csq-tests", Guid.NewGuid().ToString("N"));
        Import.Value.WriteTo(folder);
        var written = Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var committed = Directory.EnumerateFiles(CommittedMaps).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(committed, written);
        foreach (var file in written)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(CommittedMaps, file!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(folder, file!))),
                $"{file} differs from the committed maps: rerun 'caresequencing import terminology --data ../shared/data/terminology --out src/CareSequencing.Fhir/Terminology/Data'");
        }
    }

    [Fact]
    public void Run_Twice_GivesTheSameFiles() => Assert.Equal(Import.Value.Files, TerminologyImport.Run(Options()).Files);

    [Fact]
    public void Run_EveryFile_HasAHeaderWithEditionAndSourcesAndLfLineEnds()
    {
        foreach (var file in Import.Value.Files)
        {
            Assert.DoesNotContain('\r', file.Content);
            Assert.Contains("# edition: " + TerminologyImport.DefaultEdition + "\n", file.Content, StringComparison.Ordinal);
            if (file.RelativePath != "unmapped.tsv") Assert.Contains("# source: ", file.Content, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("rxnorm-ingredients.tsv", 3, 4)]
    [InlineData("atc-names.tsv", 5, 6)]
    [InlineData("rxnorm-synonyms.tsv", 3, 4)]
    [InlineData("icd10-who.tsv", 1, 2)]
    [InlineData("icd10cm-exceptions.tsv", 3, 4)]
    [InlineData("snomed-icd10.tsv", 4, 5)]
    public void Run_EveryRow_CarriesItsSourceFileAndRow(string file, int fileColumn, int rowColumn)
    {
        var rows = Rows(file);
        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            Assert.NotEqual("", r[fileColumn]);
            Assert.True(int.Parse(r[rowColumn], System.Globalization.CultureInfo.InvariantCulture) > 1, $"{file}: {string.Join(' ', r)}");
        });
    }

    [Theory]
    [InlineData("L01XE07", "lapatinib", "L01EH01")]
    [InlineData("L01XX19", "irinotecan", "L01CE02")]
    [InlineData("J05AB04", "ribavirin", "J05AP01")]
    [InlineData("L01XC02", "rituximab", "L01FA01")]
    public void Run_StaleCpicCode_IsCorrectedByWhoNameAndReported(string stale, string name, string current)
    {
        Assert.Contains(Import.Value.Unmapped, u => u.Kind == "stale-atc" && u.Item == stale && u.Reason.Contains("corrected to " + current, StringComparison.Ordinal));
        var row = Assert.Single(Rows("rxnorm-ingredients.tsv"), r => r[1] == name);
        Assert.Contains(current, row[2].Split(' '));
        Assert.DoesNotContain(stale, row[2].Split(' '));
    }

    [Fact]
    public void Run_StaleCodeWithSeveralWhoCodesOfTheName_IsReportedNotGuessed()
    {
        Assert.Contains(Import.Value.Unmapped, u => u.Kind == "stale-atc" && u.Item == "L04AA10" && u.Reason.Contains("not corrected", StringComparison.Ordinal));
        Assert.DoesNotContain(Rows("rxnorm-ingredients.tsv"), r => r[1] == "sirolimus");
    }

    [Fact]
    public void Run_CodesNamedLikeTheSubstance_ComeFirst_AndANameWithoutSuchACodeIsReported()
    {
        Assert.StartsWith("M01AE01 ", Assert.Single(Rows("rxnorm-ingredients.tsv"), r => r[1] == "ibuprofen")[2], StringComparison.Ordinal);
        Assert.Contains(Import.Value.Unmapped, u => u.Kind == "questionable-atc" && u.Context == "naproxen" && u.Reason.Contains("M01AE02", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_ClassRowsAndRowsWithoutRxcui_AreReported() =>
        Assert.Contains(Import.Value.Unmapped, u => u.Kind == "row" && u.Item == "ATC:N06AB" && u.Reason.Contains("class row", StringComparison.Ordinal));

    [Fact]
    public void Run_AtcNames_ShipOnlyThePacksCpicAndSynonymNames_NotTheWhoIndex()
    {
        var names = Rows("atc-names.tsv");
        var codes = names.Select(r => r[1]).Distinct(StringComparer.Ordinal).Count();
        Assert.InRange(codes, 1000, 2000); // the WHO index has 6,996 codes, 5,678 of level 5
        Assert.All(names, r => Assert.Contains(r[5], new[] { "atc-codes.tsv", "cpic-drug-rxnorm-drugbank-atc.tsv", "rxnorm-synonyms.tsv" }));
        Assert.DoesNotContain(Import.Value.Files, f => f.RelativePath.StartsWith("who-atc", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_Icd10Who_ShipsCodesWithoutTitles()
    {
        var rows = Rows("icd10-who.tsv");
        Assert.Equal(12_130, rows.Length);
        Assert.All(rows, r => Assert.Matches("^[A-Z][0-9]{2}(\\.[0-9])?$", r[0]));
        Assert.DoesNotContain("Cholera", Import.Value.Files.Single(f => f.RelativePath == "icd10-who.tsv").Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SnomedRows_AreMarkedNotAuthoritative_AndHistoriesAreReportedNotMapped()
    {
        Assert.All(Rows("snomed-icd10.tsv"), r => Assert.StartsWith("not authoritative", r[3], StringComparison.Ordinal));
        // WHO ICD-10 titles are checked at import, not shipped.
        Assert.Equal(6, Rows("snomed-icd10.tsv").First().Length);
        Assert.DoesNotContain(Rows("snomed-icd10.tsv"), r => r[1].StartsWith("History of", StringComparison.Ordinal));
        Assert.Contains(Import.Value.Unmapped, u => u.Kind == "snomed" && u.Item == "399211009");
    }

    [Fact]
    public void Run_ReviewedTableWithBadRows_ReportsEachAndKeepsTheGoodOnes()
    {
        var dir = Path.Combine(Path.GetTempPath(), "csq-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var synonyms = Path.Combine(dir, "syn.tsv");
        File.WriteAllText(synonyms, "us_name\twho_name\tsource\nacetaminophen\tparacetamol\tWHO INN\nfoo\tnot-a-who-name\tnone\nbar\tparacetamol\t\n");
        var exceptions = Path.Combine(dir, "cm.tsv");
        File.WriteAllText(exceptions, "cm_code\twho_code\tsource\nG40.5\tG40\tCM tabular\nX99\tU99.9\tmade up\n");
        var snomed = Path.Combine(dir, "sct.tsv");
        File.WriteAllText(snomed, "snomed_id\tsnomed_display\ticd10\twho_title\tnote\n38341003\tHypertension\tI10\tEssential (primary) hypertension\tnot authoritative\n84757009\tEpilepsy\tG40.9\tWrong title\tnot authoritative\nabc\tx\tI10\tEssential (primary) hypertension\tn\n");

        var result = TerminologyImport.Run(Options(synonyms, exceptions, snomed));

        Assert.Contains(result.Unmapped, u => u.Kind == "synonym" && u.Item == "foo" && u.Reason.Contains("not in atc-names", StringComparison.Ordinal));
        Assert.Contains(result.Unmapped, u => u.Kind == "synonym" && u.Item == "bar" && u.Reason.Contains("source", StringComparison.Ordinal));
        Assert.Contains(result.Unmapped, u => u.Kind == "cm-exception" && u.Item == "X99");
        Assert.Contains(result.Unmapped, u => u.Kind == "snomed" && u.Item == "84757009" && u.Reason.Contains("not the WHO title", StringComparison.Ordinal));
        Assert.Contains(result.Unmapped, u => u.Kind == "snomed" && u.Item == "abc");
        var written = result.Files.Single(f => f.RelativePath == "snomed-icd10.tsv").Content;
        Assert.Contains("38341003\tHypertension\tI10", written, StringComparison.Ordinal);
        Assert.DoesNotContain("84757009", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_ImportTerminology_WritesTheMaps_AndABadDataFolderExits2()
    {
        var folder = Path.Combine(Path.GetTempPath(), "csq-tests", Guid.NewGuid().ToString("N"));

        var (exit, output, _) = CareSequencing.Tests.Cli.CliRunner.Run("import", "terminology", "--data", AnsmThesaurusImportTests.SharedData("terminology"),
            "--out", folder, "--atc-names", AtcNames);
        var (badExit, _, error) = CareSequencing.Tests.Cli.CliRunner.Run("import", "terminology", "--data", folder + "-missing", "--out", folder, "--atc-names", AtcNames);

        Assert.Equal(0, exit);
        Assert.Contains("7 file(s) written", output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(CommittedMaps, "rxnorm-ingredients.tsv")), File.ReadAllText(Path.Combine(folder, "rxnorm-ingredients.tsv")));
        Assert.Equal(2, badExit);
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingData_Throws() =>
        Assert.ThrowsAny<IOException>(() => TerminologyImport.Run(new TerminologyImportOptions
        {
            DataFolder = Path.Combine(Path.GetTempPath(), "csq-tests", Guid.NewGuid().ToString("N")),
            AtcNamesPath = AtcNames,
        }));
}
