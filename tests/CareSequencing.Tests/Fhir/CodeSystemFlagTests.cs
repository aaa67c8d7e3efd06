using CareSequencing.Tests.Cli;

namespace CareSequencing.Tests.Fhir;

/// <summary>The mapping options have CLI flags: a host's own URI for ATC or ICD-10 codes.</summary>
public sealed class CodeSystemFlagTests
{
    [Fact]
    public void Map_AtcSystemFlag_ReadsCodesOfThatSystemAsAtc()
    {
        var file = Path.Combine(Path.GetTempPath(), $"csq-atc-system-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            { "resourceType": "MedicationRequest", "status": "active", "intent": "order", "subject": { "reference": "Patient/x" },
              "medicationCodeableConcept": { "coding": [ { "system": "https://ehr.example.org/atc", "code": "N06AB06" } ] } }
            """);
        try
        {
            var (_, without, _) = CliRunner.Run("map", file, "--format", "json");
            Assert.DoesNotContain("\"code\": \"N06AB06\",\n      \"system\": \"atc\"", without, StringComparison.Ordinal);
            var (exit, with, _) = CliRunner.Run("map", file, "--format", "json", "--atc-system", "https://ehr.example.org/atc");
            Assert.Equal(0, exit);
            Assert.Contains("\"code\": \"N06AB06\",\n      \"system\": \"atc\"", with, StringComparison.Ordinal);
        }
        finally { File.Delete(file); }
    }
}
