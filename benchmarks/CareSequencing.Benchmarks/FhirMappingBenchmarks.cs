using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CareSequencing.Fhir;
using CareSequencing.Loading;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CareSequencing.Benchmarks;

/// <summary>
/// Reading a real-shaped FHIR R4 Bundle (the Synthea bundles of ../shared/data/fhir): the largest, about 2 MB,
/// and a small one. The baseline is Firely's own deserialisation of the same text (what any FHIR host pays);
/// CareSequencing adds the limits check, the mapping, the default terminology maps and the warnings. Issue 16's
/// target: mapping a 2 MB bundle in 50 ms or less after warm-up. The last benchmark adds the evaluation against
/// the shipped packs, the cost of <c>caresequencing eval BUNDLE</c> without process start.
/// </summary>
[MemoryDiagnoser]
public class FhirMappingBenchmarks
{
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());
    private string _json = "";
    private CareEvaluator _evaluator = null!;

    /// <summary>The bundle file, by the patient's name (Synthea file names start with it).</summary>
    [Params("Harland_DuBuque", "Cleo_Friesen")]
    public string Bundle { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var root = ShippedPacksBenchmarks.RepositoryRoot();
        var folder = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "fhir"));
        var file = Directory.Exists(folder) ? Directory.GetFiles(folder, Bundle + "_*.json").SingleOrDefault() : null;
        if (file is null) throw new InvalidOperationException($"The Synthea bundle {Bundle} was not found in {folder}.");
        _json = File.ReadAllText(file);
        _evaluator = new CareEvaluator(RulePackLoader.Load(Path.Combine(root, "rules")).GetRuleSetOrThrow(), TimeProvider.System);
        // The benchmark measures real work: the bundle must give medications to check.
        if (FhirPatientContextMapper.FromJson(_json).Medications.Count == 0 && Bundle == "Harland_DuBuque")
            throw new InvalidOperationException("The bundle mapped to no medication: the benchmark would measure a silent miss.");
    }

    [Benchmark(Baseline = true, Description = "Firely deserialise only")]
    public Resource? FirelyDeserialize()
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(_json));
        Deserializer.TryDeserializeResource(ref reader, out var resource, out _);
        return resource;
    }

    [Benchmark(Description = "CareSequencing FromJson (limits, map, default terminology maps)")]
    public PatientContext Map() => FhirPatientContextMapper.FromJson(_json);

    [Benchmark(Description = "FromJson + Evaluate (shipped packs)")]
    public Advice MapAndEvaluate() => _evaluator.Evaluate(FhirPatientContextMapper.FromJson(_json));
}
