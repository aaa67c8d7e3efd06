using CareSequencing.Tests.Cli;

namespace CareSequencing.Tests.Fhir;

/// <summary><c>explain</c> on a real-shaped bundle says which codes were read by name.</summary>
public sealed class ExplainTranslatedCodesTests
{
    [Theory]
    [InlineData("text", "Assumed by the advice")]
    [InlineData("json", "\"assumptions\"")]
    public void Explain_SyntheaBundle_SaysTheCodesWereReadByName(string format, string section)
    {
        var bundle = Directory.GetFiles(Path.GetFullPath(Path.Combine(TestData.RepositoryRoot, "..", "shared", "data", "fhir")), "Ernie_Rosenbaum_*.json").Single();
        var (exit, stdout, _) = CliRunner.Run("explain", bundle, "--rules", TestData.ShippedRules, "--rule", "ix.ansm.carbamazepine.clonazepam", "--format", format);
        Assert.Equal(0, exit);
        Assert.Contains(section, stdout, StringComparison.Ordinal);
        Assert.Contains("RxNorm 308971", stdout, StringComparison.Ordinal);
        Assert.Contains("by its name", stdout, StringComparison.Ordinal);
    }
}
