using System.Text.Json;
using CareSequencing.Tests.Cli;

namespace CareSequencing.Tests.Fhir;

public sealed class FhirCliTests
{
    [Fact]
    public void Eval_FhirBundle_GivesTheSameAlertsAndProposalsAsTheYamlSample()
    {
        var bundle = Path.Combine(TestData.Fixtures, "fhir", "double-diagnosis-alcohol.json");
        var common = new[] { "--rules", TestData.ShippedRules, "--format", "json", "--as-of", "2026-11-23" };

        var fhir = CliRunner.Run(["eval", bundle, .. common]);
        var yaml = CliRunner.Run(["eval", CliRunner.Sample("double-diagnosis-alcohol.yaml"), .. common]);

        Assert.True(fhir.Exit == yaml.Exit, fhir.Err);
        using var fromFhir = JsonDocument.Parse(fhir.Out);
        using var fromYaml = JsonDocument.Parse(yaml.Out);
        foreach (var part in new[] { "alerts", "proposals" })
            Assert.Equal(fromYaml.RootElement.GetProperty(part).GetRawText(), fromFhir.RootElement.GetProperty(part).GetRawText());
    }
}
