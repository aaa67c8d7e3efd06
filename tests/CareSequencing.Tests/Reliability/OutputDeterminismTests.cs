using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using CareSequencing.Authoring.Scenarios;
using CareSequencing.Presentation;
using Xunit.Abstractions;

namespace CareSequencing.Tests.Reliability;

/// <summary>
/// The three writers (advice JSON, CDS Hooks JSON, text) give byte-identical output for every
/// sample patient and a few hundred generated ones, in English and French: across repeated runs,
/// eight parallel threads, threads running under <c>fr-FR</c>, <c>de-DE</c>, <c>tr-TR</c> and the
/// invariant culture (each loading its own packs under that culture), and two independent loads.
/// </summary>
public sealed class OutputDeterminismTests(ITestOutputHelper output)
{
    private static readonly string[] Cultures = ["fr-FR", "de-DE", "tr-TR", ""];
    private static readonly string[] Languages = ["en", "fr"];

    [Fact]
    public void Writers_AreByteIdentical_AcrossRunsThreadsCulturesAndLoads()
    {
        var patients = Patients();
        // The reference: the invariant culture, on a thread of its own.
        var reference = OnThread(CultureInfo.InvariantCulture, () => Render(Load(), patients));
        Assert.Contains(reference, text => text.Contains("\"cards\"", StringComparison.Ordinal));
        var differences = new ConcurrentQueue<string>();
        void Compare(string run, IReadOnlyList<string> outputs)
        {
            for (var i = 0; i < reference.Length; i++)
            {
                if (!string.Equals(reference[i], outputs[i], StringComparison.Ordinal)) differences.Enqueue($"{run}: output {i} ({Describe(patients, i)}) differs");
            }
        }

        // A run on a thread of its own; a failure is recorded, never left to kill the test host.
        Thread Spawn(string run, CultureInfo? culture, Func<IReadOnlyList<string>> render) => new(() =>
        {
            try
            {
                if (culture is not null) Thread.CurrentThread.CurrentCulture = Thread.CurrentThread.CurrentUICulture = culture;
                Compare(run, render());
            }
#pragma warning disable CA1031 // Collected and asserted on the test thread.
            catch (Exception error)
#pragma warning restore CA1031
            {
                differences.Enqueue($"{run}: {error.GetType().Name}: {error.Message}");
            }
        });

        var ruleSet = Load();
        var repetitions = LongRuns.Size(2, 10);
        for (var r = 0; r < repetitions; r++) Compare($"repeat {r}", Render(ruleSet, patients));

        // Eight threads share one rule set, each walking the patients from a different start; then each
        // culture on its own thread, with its own load of the packs read under that culture.
        var threads = Enumerable.Range(0, 8).Select(t => Spawn($"thread {t}", null, () => Render(ruleSet, patients, start: t * patients.Count / 8)))
            .Concat(Cultures.Select(name => Spawn($"culture '{name}'", CultureInfo.GetCultureInfo(name), () => Render(Load(), patients))))
            .ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        output.WriteLine(LongRuns.Format($"{LongRuns.Mode} run: {patients.Count} patients x {Languages.Length} languages x 3 writers, compared over {repetitions} repeats, 8 threads, {Cultures.Length} cultures; {differences.Count} differences"));
        Assert.True(differences.IsEmpty, string.Join(Environment.NewLine, differences.Take(20)));
    }

    [Theory]
    [InlineData("fr-FR")]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    public void Cultures_UnderTest_FormatDifferently_SoTheComparisonCanFail(string name)
    {
        // Guards the test above: were the process in invariant-globalisation mode, every culture would format alike.
        var culture = CultureInfo.GetCultureInfo(name);

        Assert.NotEqual(1.5.ToString(CultureInfo.InvariantCulture) + "i".ToUpper(CultureInfo.InvariantCulture),
            1.5.ToString(culture) + "i".ToUpper(culture));
    }

    private static CompiledRuleSet Load() => RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow();

    /// <summary>Every sample patient and generated ones (some without age or phase), read or generated once.</summary>
    private static List<PatientContext> Patients()
    {
        var samples = Directory.EnumerateFiles(Path.Combine(TestData.RepositoryRoot, "samples", "patients"), "*.yaml")
            .Order(StringComparer.Ordinal).Select(CareSequencing.Loading.PatientContextReader.ReadFile).ToList();
        Assert.NotEmpty(samples);
        var generator = new ShippedPatientGenerator(Load(), seed: 31) { AllowUnknownAgeAndPhase = true };
        return [.. samples, .. generator.Generate(LongRuns.Size(300, 3_000))];
    }

    /// <summary>For each patient and language: advice JSON, CDS Hooks JSON and text, one string per output.</summary>
    private static string[] Render(CompiledRuleSet ruleSet, List<PatientContext> patients, int start = 0)
    {
        var evaluator = new CareEvaluator(ruleSet, new FixedTimeProvider(TestData.Now));
        var outputs = new string[patients.Count * Languages.Length * 3];
        for (var n = 0; n < patients.Count; n++)
        {
            var p = (start + n) % patients.Count;
            for (var l = 0; l < Languages.Length; l++)
            {
                var advice = evaluator.Evaluate(patients[p], new EvaluationSettings { Language = Languages[l], AsOf = ShippedPatientGenerator.AsOf });
                var at = (p * Languages.Length + l) * 3;
                outputs[at] = AdviceJsonWriter.Write(advice);
                outputs[at + 1] = CdsHooksWriter.Write(advice);
                outputs[at + 2] = AdviceTextWriter.Write(advice);
            }
        }
        return outputs;
    }

    private static string Describe(List<PatientContext> patients, int output)
    {
        var perPatient = Languages.Length * 3;
        var writer = (output % 3) switch { 0 => "advice JSON", 1 => "CDS Hooks", _ => "text" };
        return new StringBuilder().Append(patients[output / perPatient].Id).Append(", ")
            .Append(Languages[output % perPatient / 3]).Append(", ").Append(writer).ToString();
    }

    private static T OnThread<T>(CultureInfo culture, Func<T> work)
    {
        var result = default(T);
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            Thread.CurrentThread.CurrentCulture = Thread.CurrentThread.CurrentUICulture = culture;
            try
            {
                result = work();
            }
#pragma warning disable CA1031 // Rethrown on the test thread.
            catch (Exception error)
#pragma warning restore CA1031
            {
                failure = error;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null) throw new InvalidOperationException("The reference run failed.", failure);
        return result!;
    }
}
