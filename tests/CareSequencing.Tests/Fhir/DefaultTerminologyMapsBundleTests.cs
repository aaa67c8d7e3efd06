using System.Globalization;
using System.Text.Json;
using CareSequencing.Fhir;
using CareSequencing.Fhir.Terminology;
using CareSequencing.Tests.Import;
using Xunit.Abstractions;

namespace CareSequencing.Tests.Fhir;

/// <summary>The default maps on the ten Synthea bundles of the shared data (real-shaped US data nobody here wrote).</summary>
public class DefaultTerminologyMapsBundleTests(ITestOutputHelper output)
{
    private static readonly DefaultTerminologyMaps Maps = new();

    private static IEnumerable<string> Bundles() =>
        Directory.EnumerateFiles(AnsmThesaurusImportTests.SharedData("fhir"), "*.json").Order(StringComparer.Ordinal);

    /// <summary>Every MedicationRequest of the bundles: its status and its codings.</summary>
    private static List<(string Status, List<SourceCoding> Codings)> Requests()
    {
        var requests = new List<(string, List<SourceCoding>)>();
        foreach (var path in Bundles())
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var entry in json.RootElement.GetProperty("entry").EnumerateArray())
            {
                var resource = entry.GetProperty("resource");
                if (resource.GetProperty("resourceType").GetString() != "MedicationRequest") continue;
                var codings = new List<SourceCoding>();
                if (resource.TryGetProperty("medicationCodeableConcept", out var concept))
                {
                    foreach (var c in concept.GetProperty("coding").EnumerateArray())
                    {
                        codings.Add(new SourceCoding(c.GetProperty("system").GetString()!, c.GetProperty("code").GetString()!,
                            c.TryGetProperty("display", out var d) ? d.GetString() : null));
                    }
                }
                requests.Add((resource.GetProperty("status").GetString() ?? "", codings));
            }
        }
        return requests;
    }

    private static bool Mapped(SourceCoding coding) => Maps.TranslateAsync(coding, TerminologyTarget.Atc).AsTask().GetAwaiter().GetResult().Codes.Count > 0;

    [Fact]
    public void TranslateAsync_ActiveMedicationRequestsOfTheSyntheaBundles_AtLeast90PercentMapToAtc()
    {
        var active = Requests().Where(r => r.Status == "active").ToList();
        var unmapped = active.Where(r => !r.Codings.Exists(Mapped)).Select(r => string.Join(" | ", r.Codings.Select(c => $"{c.Code} {c.Display}"))).ToList();
        var share = 1.0 - (double)unmapped.Count / active.Count;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{active.Count - unmapped.Count} of {active.Count} active MedicationRequests mapped ({share:P1}); unmapped: {string.Join("; ", unmapped.Distinct())}"));
        Assert.True(active.Count >= 50, $"expected the ten bundles' active requests, found {active.Count}");
        Assert.True(share >= 0.90, string.Create(CultureInfo.InvariantCulture,
            $"{active.Count - unmapped.Count} of {active.Count} active MedicationRequests mapped ({share:P1}); unmapped: {string.Join("; ", unmapped.Distinct())}"));
    }

    [Fact]
    public void Parse_EveryMedicationRequestDisplayOfTheSyntheaBundles_GivesAnIngredient()
    {
        var displays = Requests().SelectMany(r => r.Codings).Select(c => c.Display).Distinct(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(displays);
        Assert.All(displays, d => Assert.NotNull(RxNormName.Parse(d)));
    }

    [Fact]
    public void TranslateAsync_AllMedicationRequestsOfTheSyntheaBundles_MostDistinctDrugsMap()
    {
        var distinct = Requests().SelectMany(r => r.Codings).DistinctBy(c => (c.Code, c.Display)).ToList();
        var unmapped = distinct.Where(c => !Mapped(c)).Select(c => $"{c.Code} {c.Display}").ToList();

        Assert.True(unmapped.Count <= distinct.Count / 10, $"{unmapped.Count} of {distinct.Count} distinct drugs unmapped: {string.Join("; ", unmapped)}");
    }

    [Fact]
    public void FromJson_SyntheaBundleOnCarbamazepineAndClonazepam_ReadsBothAsAtcByName()
    {
        var path = Bundles().Single(p => Path.GetFileName(p).StartsWith("Ernie_Rosenbaum", StringComparison.Ordinal));

        var context = FhirPatientContextMapper.FromJson(File.ReadAllText(path));

        var carbamazepine = Assert.Single(context.Medications, m => m.Code == "N03AF01" && m.Status == MedicationStatus.Active);
        Assert.Equal(CodeMapping.Name, carbamazepine.Origin?.Mapping);
        Assert.Equal(FhirSystems.RxNorm, carbamazepine.Origin?.System);
        Assert.Contains(context.Medications, m => m.Code == "N03AE01");
    }

    [Fact]
    public void FromJson_SyntheaConditionsInSnomed_AreReadAsWhoIcd10ThroughTheStarterMap()
    {
        var conditions = Bundles().SelectMany(p => FhirPatientContextMapper.FromJson(File.ReadAllText(p)).Conditions).ToList();

        Assert.Contains(conditions, c => c.Code == "I48" && c.Origin?.Source?.Contains("not authoritative", StringComparison.Ordinal) == true);
        Assert.Contains(conditions, c => c.Code == "G40.9");
    }
}
