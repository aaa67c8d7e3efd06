using CareSequencing.Authoring.Import.Ansm;
using Xunit;

namespace CareSequencing.Tests.Import;

public sealed class SubstanceResolverTests
{
    [Theory]
    [InlineData("ACIDE VALPROIQUE", "VALPROIC ACID")]
    [InlineData("CLARITHROMYCINE", "CLARITHROMYCIN")]
    [InlineData("MAGNESIUM (HYDROXYDE DE)", "MAGNESIUM")]
    [InlineData("DALTEPARINE SODIQUE", "DALTEPARIN SODIUM")]
    public void Respellings_IncludeTheInnSpelling(string french, string inn) =>
        Assert.Contains(inn, SubstanceResolver.Respellings(french));

    [Fact]
    public void Respellings_StartWithTheNameItself_WithoutRepeats()
    {
        var spellings = SubstanceResolver.Respellings("DIGOXINE").ToList();
        Assert.Equal("DIGOXINE", spellings[0]);
        Assert.Equal(spellings.Count, spellings.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void CommittedSubstanceTable_EveryCodeIsInTheWhoIndex_AndNoTopicalCodeComesByName()
    {
        var who = File.ReadLines(Path.Combine(AnsmThesaurusImportTests.SharedData("terminology"), "who-atc-ddd-2026-04-25.fabkury-atcd.csv"))
            .Skip(1).Select(l => l.Split(',')[0]).ToHashSet(StringComparer.Ordinal);
        var rows = File.ReadLines(Path.Combine(AnsmThesaurusImportTests.CommittedPack, "substances.tsv")).Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var codes = row[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.All(codes, c => Assert.Contains(c, who));
            if (row[2] == "unmapped") Assert.Empty(codes);
            else Assert.NotEmpty(codes);
        }
        Assert.Contains(rows, r => r[0] == "CLARITHROMYCINE" && r[1].Contains("J01FA09", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[0] == "DISULFIRAME" && r[1] == "N07BB01");
    }
}
