using System.Text.Json;
using CareSequencing.Fhir;
using CareSequencing.Packs;
using CareSequencing.Presentation;
using Microsoft.Extensions.DependencyInjection;

namespace CareSequencing.Tests;

/// <summary>The README's host example (DI, FHIR in, CDS Hooks out) is this code: one test runs it, the other keeps the README identical.</summary>
public sealed class ReadmeHostExampleTests
{
    private static string HostExample(string bundleJson)
    {
        // README-HOST-BEGIN
        var services = new ServiceCollection()
            .AddCareSequencing(options =>
            {
                options.AddShippedPacks();                        // the packs of CareSequencing.Packs
                options.PinPackVersion("drug-interactions", "1.2.0");
                options.Language = "fr";
            })
            .BuildServiceProvider();
        var evaluator = services.GetRequiredService<ICareEvaluator>();

        PatientContext patient = FhirPatientContextMapper.FromJson(bundleJson);  // FHIR R4 Bundle
        Advice advice = evaluator.Evaluate(patient);
        string cards = CdsHooksWriter.Write(advice);                            // { "cards": [...] }
        // README-HOST-END
        return cards;
    }

    [Fact]
    public void HostExample_FhirBundle_GivesFrenchCardsFromThePinnedPacks()
    {
        var bundle = File.ReadAllText(Path.Combine(TestData.Fixtures, "fhir", "double-diagnosis-alcohol.json"));

        using var cards = JsonDocument.Parse(HostExample(bundle));

        var list = cards.RootElement.GetProperty("cards").EnumerateArray().ToList();
        Assert.NotEmpty(list);
        Assert.Contains(list, c => c.GetProperty("source").GetProperty("label").GetString() == "double-diagnosis@1.1.0");
        // French titles: the advice language reaches the cards.
        Assert.Contains(list, c => c.GetProperty("detail").GetString()!.Contains("**Faits retenus**", StringComparison.Ordinal));
        Assert.DoesNotContain(list, c => c.GetProperty("detail").GetString()!.Contains("**Matched facts**", StringComparison.Ordinal));
    }

    [Fact]
    public void Readme_ShowsExactlyTheTestedHostExample()
    {
        Assert.Contains(TestData.TestedBlock("ReadmeHostExampleTests.cs", "README-HOST"), TestData.Readme, StringComparison.Ordinal);
    }
}
