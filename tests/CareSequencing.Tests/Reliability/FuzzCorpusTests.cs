using CareSequencing.Fhir;
using CareSequencing.Fuzz;
using CareSequencing.Loading;

namespace CareSequencing.Tests.Reliability;

/// <summary>
/// Replays the fuzzing corpus (Fixtures/fuzz/{patient,pack,fhir}): the seed inputs and every crash
/// the fuzzers found, kept once fixed. Each input must meet the target's documented contract
/// (see <see cref="FuzzTargets"/>): no exception but the documented ones, located diagnostics.
/// </summary>
public sealed class FuzzCorpusTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in FuzzTargets.Names)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(TestData.Fixtures, "fuzz", target)).Order(StringComparer.Ordinal))
                data.Add(target, Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Target_CorpusInput_MeetsItsContract(string target, string file)
    {
        var text = File.ReadAllText(Path.Combine(TestData.Fixtures, "fuzz", target, file));

        var outcome = FuzzTargets.Get(target)(text);

        Assert.False(string.IsNullOrEmpty(outcome));
    }

    [Fact]
    public void Corpus_EveryTarget_HasSeedsAndTheFoundCrashes()
    {
        foreach (var target in FuzzTargets.Names)
            Assert.Contains(Directory.EnumerateFiles(Path.Combine(TestData.Fixtures, "fuzz", target)), f => Path.GetFileName(f).StartsWith("seed-", StringComparison.Ordinal));
        Assert.True(Directory.EnumerateFiles(Path.Combine(TestData.Fixtures, "fuzz", "patient"), "crash-*").Count() >= 2);
        Assert.True(Directory.EnumerateFiles(Path.Combine(TestData.Fixtures, "fuzz", "fhir"), "crash-*").Count() >= 4);
    }

    [Theory]
    [InlineData("crash-min-tag-not-uri.yaml", 3)]
    [InlineData("crash-min-empty-tag-prefix.yaml", 1)]
    public void Parse_InvalidTag_ThrowsFormatExceptionWithPosition(string file, int line)
    {
        // YamlDotNet threw ArgumentException for these, which escaped Parse (found by fuzzing).
        var text = File.ReadAllText(Path.Combine(TestData.Fixtures, "fuzz", "patient", file));

        var e = Assert.Throws<PatientContextFormatException>(() => PatientContextReader.Parse(text));

        Assert.Equal("CSQ3010", e.Code);
        Assert.Equal(line, e.Line);
        Assert.True(e.Column >= 1);
        Assert.Contains("tag", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Load_RuleFileWithInvalidTag_RejectsPackWithLocatedDiagnostic()
    {
        var pack = TestData.TempPack(("pack.yaml", TestData.Manifest), ("rules.yaml", "rules:\n  - id: !![x r1\n"));

        var result = RulePackLoader.Load(pack);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Code == "CSQ1001");
        Assert.EndsWith("rules.yaml", diagnostic.Location.File, StringComparison.Ordinal);
        Assert.True(diagnostic.Location.Line >= 1 && diagnostic.Location.Column >= 1);
        Assert.Single(result.RejectedPacks);
    }

    [Theory]
    [InlineData("crash-a372c05502512b02.json")]
    [InlineData("crash-b7dfda36e7f33a3e.json")]
    [InlineData("crash-dc0960375c4480a2.json")]
    public void FromJson_MalformedBundle_ThrowsFhirInputException(string file)
    {
        // Firely's deserializer or typed properties threw other exceptions for these (found by fuzzing).
        var text = File.ReadAllText(Path.Combine(TestData.Fixtures, "fuzz", "fhir", file));

        Assert.Throws<FhirInputException>(() => FhirPatientContextMapper.FromJson(text));
    }

    [Fact]
    public void FromJson_MalformedConditionWithoutSubject_IsNotReadAndNeverThrowsAnotherException()
    {
        // This crash came from reading the Condition's malformed clinicalStatus. The Condition has no subject, so
        // since resources are attributed to the patient first it is not read at all: no exception, no condition.
        var text = File.ReadAllText(Path.Combine(TestData.Fixtures, "fuzz", "fhir", "crash-281c33a261a23a06.json"));

        var error = Record.Exception(() =>
        {
            var patient = FhirPatientContextMapper.FromJson(text);
            Assert.Empty(patient.Conditions);
        });

        Assert.True(error is null or FhirInputException, error?.ToString());
    }
}
