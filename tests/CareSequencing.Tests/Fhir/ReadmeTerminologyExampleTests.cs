using CareSequencing.Fhir;
using CareSequencing.Fhir.Terminology;
using CareSequencing.Tests.Fhir.Terminology;

namespace CareSequencing.Tests.Fhir;

/// <summary>The README's terminology example is this code: one test runs it against a loopback server, the other keeps the README identical.</summary>
public sealed class ReadmeTerminologyExampleTests
{
    private static async Task<PatientContext> Example(string json, string mapsFolder, Uri terminologyServer)
    {
        // README-TERMINOLOGY-BEGIN
        var options = new FhirMappingOptions();                                   // Translators = [DefaultTerminologyMaps]
        options.Translators.Insert(0, ConceptMapTranslator.FromPath(mapsFolder)); // the host's FHIR R4 ConceptMaps
        options.Translators.Insert(1, new FhirTerminologyServerTranslator(new FhirTerminologyServerOptions
        {
            BaseUri = terminologyServer, Timeout = TimeSpan.FromSeconds(5),     // its ConceptMap/$translate
        }));
        PatientContext patient = await FhirPatientContextMapper.FromJsonAsync(json, options);
        // README-TERMINOLOGY-END
        return patient;
    }

    [Fact]
    public async Task Example_Cip13Bundle_IsReadThroughTheHostConceptMapFirst()
    {
        using var server = new TranslateServer();
        var json = File.ReadAllText(Path.Combine(TestData.Fixtures, "fhir", "cip13-sertraline-tramadol.json"));

        var patient = await Example(json, Path.Combine(TestData.Fixtures, "fhir", "conceptmaps"), server.BaseUri);

        Assert.Equal(["N02AX02", "N06AB06"], patient.Medications.Select(m => m.Code!).Order(StringComparer.Ordinal));
        Assert.All(patient.Medications, m => Assert.Equal(CodeMapping.Map, m.Origin!.Mapping));
        Assert.Equal(0, server.Calls); // the map answered: the server was not asked
    }

    [Fact]
    public void Readme_ShowsExactlyTheTestedTerminologyExample()
    {
        Assert.Contains(TestData.TestedBlock(Path.Combine("Fhir", "ReadmeTerminologyExampleTests.cs"), "README-TERMINOLOGY"), TestData.Readme, StringComparison.Ordinal);
    }
}
