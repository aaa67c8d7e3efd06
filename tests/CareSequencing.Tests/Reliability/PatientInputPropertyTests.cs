using System.Diagnostics;
using System.Globalization;
using CareSequencing.Authoring.Scenarios;
using CareSequencing.Evaluation;
using CareSequencing.Fuzz;
using CareSequencing.Loading;
using CareSequencing.Model;
using CsCheck;
using Xunit.Abstractions;
using static CareSequencing.Tests.Reliability.PatientDocumentGenerators;

namespace CareSequencing.Tests.Reliability;

/// <summary>
/// Property-based tests over generated and mutated patient contexts, evaluated against the shipped
/// packs: no exception escapes, every field the generator broke gets its warning, a medication that
/// interaction checks cannot cover is always reported, and no message carries patient text.
/// </summary>
/// <remarks>
/// 100,000 cases in all by default (docs/reliability.md gives sizes and timings);
/// <c>CARESEQUENCING_LONG_RUNS=1</c> (or <c>true</c>) runs ten times as many. A failure prints CsCheck's seed;
/// <c>CsCheck_Seed=&lt;seed&gt;</c> replays it.
/// </remarks>
public sealed class PatientInputPropertyTests(ITestOutputHelper output)
{
    private static readonly long Scale = Environment.GetEnvironmentVariable("CARESEQUENCING_LONG_RUNS") is "1" or "true" ? 10 : 1;

    private static readonly Lazy<CareEvaluator> Evaluator = new(() => new CareEvaluator(
        RulePackLoader.Load(Path.Combine(AppContext.BaseDirectory, "rules")).GetRuleSetOrThrow(),
        new FixedTimeProvider(TestData.Now), new EvaluationSettings { AsOf = AsOf }));

    // The warnings that say a medication was left out of interaction checks. (Codes, code systems,
    // phases and keys are named in messages on purpose: the generators never put the marker there.)
    private static readonly string[] InteractionUncheckedCodes = ["CSQ3001", "CSQ3003", "CSQ3004"];

    [Fact]
    public void Parse_GeneratedYaml_WarnsForExactlyTheBrokenFields()
    {
        Run(Patient, 25_000, patient => CheckText(patient, PatientRendering.Yaml(patient.Root)));
    }

    [Fact]
    public void Parse_GeneratedJson_WarnsForExactlyTheBrokenFields()
    {
        Run(Patient, 15_000, patient => CheckText(patient, PatientRendering.Json(patient.Root)));
    }

    [Fact]
    public void Evaluate_GeneratedObjects_WarnsForExactlyTheBrokenFields()
    {
        Run(PatientObjectGenerators.Patient, 35_000, patient =>
        {
            var advice = Evaluator.Value.Evaluate(patient.Context);
            CheckWarnings(advice.Warnings, patient.Expected, allowUnavailable: true);
            CheckUnchecked(advice.Warnings, patient.Unchecked);
        });
    }

    [Fact]
    public void Parse_MutatedFixtures_OnlyFormatExceptionAndEveryUncheckedMedicationReported()
    {
        var fixtures = Directory.EnumerateFiles(Path.Combine(TestData.Fixtures, "fuzz", "patient")).Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            // The marker goes where patient text lives (identifiers, names), before mutations move it around.
            .Select(t => t.Replace("id: ", "id: " + Marker, StringComparison.Ordinal).Replace("name: ", "name: " + Marker, StringComparison.Ordinal))
            .ToArray();
        Assert.NotEmpty(fixtures);
        var gen = Gen.Select(Gen.Int[0, fixtures.Length - 1], Gen.Int[0, fixtures.Length - 1], Gen.Int, Gen.Int[1, 8]);
        Run(gen, 25_000, input =>
        {
            var (index, donor, seed, edits) = input;
            var text = Mutator.Mutate(fixtures[index], new Random(seed), fixtures[donor], edits);
            PatientContext context;
            try
            {
                context = PatientContextReader.Parse(text);
            }
            catch (PatientContextFormatException e)
            {
                CheckFormatException(e, text);
                Assert.DoesNotContain(Marker, e.Message, StringComparison.Ordinal);
                return;
            }
            var advice = Evaluator.Value.Evaluate(context);
            CheckContextMedications(context, advice.Warnings);
            // Mutations may move the marker into a code, a key or a phase, whose messages name the value
            // on purpose; every other message must stay free of it.
            foreach (var warning in advice.Warnings.Where(w => w.Code is "CSQ3004" or "CSQ3005" or "CSQ3006" or "CSQ3009" or "CSQ3010"))
                Assert.DoesNotContain(Marker, warning.Message, StringComparison.Ordinal);
        });
    }

    private static void CheckText(GeneratedPatient patient, string text)
    {
        PatientContext context;
        try
        {
            context = PatientContextReader.Parse(text);
        }
        catch (PatientContextFormatException e)
        {
            // Generated files are well-formed: failing to read one is a bug in the reader or in the renderer.
            throw new InvalidOperationException($"A well-formed file was not read: {e.Message}\n{text}", e);
        }
        var advice = Evaluator.Value.Evaluate(context);
        CheckWarnings(advice.Warnings, patient.Expected, allowUnavailable: !patient.AgeKnown || !patient.PhaseKnown);
        CheckUnchecked(advice.Warnings, patient.Unchecked);
        CheckContextMedications(context, advice.Warnings);
    }

    /// <summary>Exactly the expected (code, path) pairs, CSQ3006 aside; no marker in any message.</summary>
    private static void CheckWarnings(IReadOnlyList<AdviceWarning> warnings, IReadOnlyList<string> expected, bool allowUnavailable)
    {
        var actual = warnings.Where(w => w.Code != "CSQ3006").Select(w => w.Code + "@" + w.Path).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var wanted = expected.Order(StringComparer.Ordinal).ToList();
        if (!actual.SequenceEqual(wanted, StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                $"Warnings differ.\n missing: {string.Join(", ", wanted.Except(actual))}\n unexpected: {string.Join(", ", actual.Except(wanted))}");
        }
        if (!allowUnavailable) Assert.DoesNotContain(warnings, w => w.Code == "CSQ3006");
        foreach (var warning in warnings)
        {
            Assert.DoesNotContain(Marker, warning.Message, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(warning.Path));
        }
    }

    /// <summary>Each medication the generator made unusable has a warning at its entry saying interaction checks could not cover it.</summary>
    private static void CheckUnchecked(IReadOnlyList<AdviceWarning> warnings, IReadOnlyList<int> notCovered)
    {
        foreach (var index in notCovered)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"medications[{index}].");
            Assert.Contains(warnings, w => InteractionUncheckedCodes.Contains(w.Code)
                && w.Path.StartsWith(prefix, StringComparison.Ordinal)
                && w.Message.Contains("interaction", StringComparison.Ordinal));
        }
    }

    /// <summary>Whatever the input: every medication of the parsed context that is not a usable ATC code is reported.</summary>
    private static void CheckContextMedications(PatientContext context, IReadOnlyList<AdviceWarning> warnings)
    {
        for (var i = 0; i < context.Medications.Count; i++)
        {
            var medication = context.Medications[i];
            if (PatientFactsBuilder.IsAtcSystem(medication.System) && ClinicalCodes.NormalizeAtc(medication.Code) is not null) continue;
            CheckUnchecked(warnings, [i]);
        }
    }

    private static void CheckFormatException(PatientContextFormatException e, string text)
    {
        Assert.Equal("CSQ3010", e.Code);
        Assert.InRange(e.Line, 1, text.Count(c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029') + 2);
        Assert.True(e.Column >= 1);
        Assert.Contains("CSQ3010", e.Message, StringComparison.Ordinal);
    }

    private void Run<T>(Gen<T> gen, long iterations, Action<T> check)
    {
        var count = iterations * Scale;
        var seed = Environment.GetEnvironmentVariable("CsCheck_Seed");
        var clock = Stopwatch.StartNew();
        gen.Sample(check, writeLine: output.WriteLine, seed: seed, iter: count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count} cases in {clock.Elapsed.TotalSeconds:F1} s; seed {seed ?? "random (a failure prints the seed; CsCheck_Seed=<seed> replays it)"}"));
    }
}
