using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CareSequencing.Benchmarks.Synthetic;

namespace CareSequencing.Benchmarks;

internal static class Program
{
    private static readonly string[] InformationalSwitches = ["--list", "--help", "-h", "-?", "--info", "--version"];

    /// <summary>
    /// <c>--generate</c> rewrites the committed hand-written code (Generated/) from the synthetic
    /// generator; <c>--describe</c> summarises the synthetic rule sets; <c>--write-packs N dir</c>
    /// writes the N-rule packs for inspection; <c>--check-generated</c> only checks it (exit 1 when stale), as every run does
    /// first. Otherwise runs the benchmarks selected with --filter (and <c>--rule-count 100[,1000]</c>
    /// to keep only those sizes). BenchmarkDotNet exits 0 even when a benchmark throws, so the
    /// summaries are checked here and any failure, or a run that measured nothing, exits 1.
    /// </summary>
    public static int Main(string[] args)
    {
        var generated = Path.Combine(ShippedPacksBenchmarks.RepositoryRoot(), "benchmarks", "CareSequencing.Benchmarks", "Generated");
        if (args is ["--generate"])
        {
            HandWrittenEmitter.WriteAll(generated);
            return 0;
        }
        if (args is ["--write-packs", var size, var target])
        {
            SyntheticPackWriter.Write(SyntheticPackGenerator.Generate(int.Parse(size, CultureInfo.InvariantCulture)), target);
            Console.WriteLine($"wrote the {size}-rule synthetic packs under {target}");
            return 0;
        }
        if (args is ["--probe-shipped", var patientFile])
        {
            // The shipped packs against one sample patient, split by stage: a Stopwatch look while tuning, never a published number.
            var root = ShippedPacksBenchmarks.RepositoryRoot();
            var rs = RulePackLoader.Load(Path.Combine(root, "rules")).GetRuleSetOrThrow();
            var settings = new EvaluationSettings { AsOf = new DateOnly(2026, 11, 23) };
            var evaluator = new CareEvaluator(rs, defaults: settings);
            var patient = CareSequencing.Loading.PatientContextReader.ReadFile(Path.Combine(root, "samples", "patients", patientFile));
            var facts = CareSequencing.Evaluation.PatientFactsBuilder.Build(patient, settings.AsOf!.Value, "en", new List<AdviceWarning>());
            (double Micros, long Bytes) Measure(Func<object> action)
            {
                for (var i = 0; i < 2000; i++) _ = action();
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                const int N = 20_000;
                for (var i = 0; i < N; i++) _ = action();
                return (System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMicroseconds / N, (GC.GetAllocatedBytesForCurrentThread() - bytes) / N);
            }
            var sidesVisited = facts.Medications.Sum(m => CareSequencing.Model.ClinicalCodes.AtcAncestorsAndSelf(m.Code)
                .Sum(k => rs.InteractionIndex.TryGetValue(k, out var sides) ? sides.Length : 0));
            Console.WriteLine($"{facts.Medications.Count} medications, {sidesVisited} interaction sides reached through the index");
            var interactions = Measure(() => CareSequencing.Evaluation.InteractionChecker.Check(rs, facts, settings.AsOf!.Value, settings, "en").ToList());
            var whole = Measure(() => evaluator.Evaluate(patient));
            Console.WriteLine($"{patientFile}: interactions {interactions.Micros:0.0} µs {interactions.Bytes} B; whole evaluation {whole.Micros:0.0} µs {whole.Bytes} B");
            return 0;
        }
        if (args is ["--probe", var probeSize])
        {
            // A quick Stopwatch look while tuning, never a published number: BenchmarkDotNet runs give those.
            using var packs = SyntheticPacks.Write(SyntheticPackGenerator.Generate(int.Parse(probeSize, CultureInfo.InvariantCulture)));
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var load = RulePackLoader.Load(packs.Directory);
            var loaded = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            var evaluator = new CareEvaluator(load.GetRuleSetOrThrow(), defaults: SyntheticPacks.Settings);
            var first = System.Diagnostics.Stopwatch.GetTimestamp();
            evaluator.Evaluate(SyntheticPatients.Typical);
            Console.WriteLine($"cold load {loaded.TotalMilliseconds:0} ms (read {load.Timings.Read.TotalMilliseconds:0}, compile {load.Timings.Compile.TotalMilliseconds:0}); first evaluation {System.Diagnostics.Stopwatch.GetElapsedTime(first).TotalMilliseconds:0.0} ms");
            for (var i = 0; i < 3; i++)
            {
                started = System.Diagnostics.Stopwatch.GetTimestamp();
                var again = RulePackLoader.Load(packs.Directory);
                var warmEvaluator = new CareEvaluator(again.GetRuleSetOrThrow(), defaults: SyntheticPacks.Settings);
                warmEvaluator.Evaluate(SyntheticPatients.Typical);
                Console.WriteLine($"warm load + first evaluation {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms (read {again.Timings.Read.TotalMilliseconds:0}, compile {again.Timings.Compile.TotalMilliseconds:0})");
            }
            {
                var rs = evaluator.RuleSet;
                var warnings = new List<AdviceWarning>();
                long Bytes(Func<object> action) { _ = action(); var b = GC.GetAllocatedBytesForCurrentThread(); for (var i = 0; i < 1000; i++) _ = action(); return (GC.GetAllocatedBytesForCurrentThread() - b) / 1000; }
                var facts = CareSequencing.Evaluation.PatientFactsBuilder.Build(SyntheticPatients.Typical, SyntheticPatients.AsOf, "en", warnings);
                Console.WriteLine($"  facts {Bytes(() => CareSequencing.Evaluation.PatientFactsBuilder.Build(SyntheticPatients.Typical, SyntheticPatients.AsOf, "en", new List<AdviceWarning>()))} B");
                Console.WriteLine($"  interactions {Bytes(() => CareSequencing.Evaluation.InteractionChecker.Check(rs, facts, SyntheticPatients.AsOf, SyntheticPacks.Settings, "en").ToList())} B");
                var fired = rs.Rules.Where(r => r.Condition.Predicate(facts) && r.Definition.Status == CareSequencing.Model.RuleStatus.Active).ToList();
                Console.WriteLine($"  {fired.Count} fired rules");
                foreach (var r in fired)
                    Console.WriteLine($"   {r.Definition.Id}: matched facts {Bytes(() => CareSequencing.Evaluation.ExplanationBuilder.MatchedFacts(r, facts))} B, alert {(r.Definition.Alert is null ? 0 : Bytes(() => CareSequencing.Evaluation.AlertFactory.FromRule(r, facts, "en")))} B");
                Console.WriteLine($"  whole evaluation {Bytes(() => evaluator.Evaluate(SyntheticPatients.Typical))} B");
            }
            foreach (var threads in new[] { 1, 2, 1, 2 })
            {
                const int PerThread = 100_000;
                var t = System.Diagnostics.Stopwatch.GetTimestamp();
                var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() => { for (var i = 0; i < PerThread; i++) evaluator.Evaluate(SyntheticPatients.Typical); })).ToList();
                workers.ForEach(w => w.Start());
                workers.ForEach(w => w.Join());
                var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(t).TotalSeconds;
                Console.WriteLine($"  {threads} thread(s): {threads * PerThread / seconds:0} evaluations/s");
            }
            foreach (var (name, patient) in new[] { ("typical", SyntheticPatients.Typical), ("empty", new PatientContext { Age = 40 }) })
            {
                for (var i = 0; i < 20000; i++) evaluator.Evaluate(patient);
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var t = System.Diagnostics.Stopwatch.GetTimestamp();
                const int N = 50000;
                for (var i = 0; i < N; i++) evaluator.Evaluate(patient);
                var us = System.Diagnostics.Stopwatch.GetElapsedTime(t).TotalMicroseconds / N;
                Console.WriteLine($"{name}: {us:0.00} µs, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / N} B per evaluation");
            }
            return 0;
        }
        if (args is ["--describe"])
        {
            SyntheticDescription.Print(Console.Out);
            return 0;
        }
        // Checked before every run too, so that CI's dry run fails on stale hand-written code.
        var stale = HandWrittenEmitter.Stale(generated);
        foreach (var file in stale) Console.Error.WriteLine($"Generated/{file} differs from the generator's output: run `dotnet run -c Release -- --generate` and commit.");
        if (args is ["--check-generated"])
        {
            if (stale.Count == 0) Console.WriteLine("Generated/ matches the generator.");
            return stale.Count == 0 ? 0 : 1;
        }
        if (stale.Count > 0) return 1;

        // The generated project compiles 2 MB of hand-written rules; on a busy 2-core machine that exceeds the default 120 s.
        var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
        if (Array.IndexOf(args, "--rule-count") is var at and >= 0 && at + 1 < args.Length)
        {
            // BenchmarkDotNet cannot select parameter values from the command line; this switch can.
            var counts = args[at + 1].Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToHashSet();
            config.AddFilter(new SimpleFilter(c => c.Parameters.Items
                .Where(p => p.Name is "RuleCount" or "EntryCount").All(p => p.Value is int n && counts.Contains(n))));
            args = [.. args[..at], .. args[(at + 2)..]];
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToList();
        if (summaries.Count == 0 && args.Any(a => InformationalSwitches.Contains(a, StringComparer.Ordinal))) return 0;
        return Failures(summaries) == 0 && summaries.Count > 0 ? 0 : 1;
    }

    private static int Failures(List<Summary> summaries)
    {
        var failures = 0;
        if (summaries.Count == 0)
        {
            Console.Error.WriteLine("no benchmark ran (check --filter)");
            failures++;
        }
        foreach (var summary in summaries)
        {
            foreach (var error in summary.ValidationErrors.Where(e => e.IsCritical))
            {
                Console.Error.WriteLine($"benchmark validation failed: {error.Message}");
                failures++;
            }
            if (summary.Reports.Length == 0 && !summary.HasCriticalValidationErrors)
            {
                Console.Error.WriteLine($"no results in {summary.Title}");
                failures++;
            }
            foreach (var report in summary.Reports.Where(r => !r.Success || r.ResultStatistics is null))
            {
                Console.Error.WriteLine($"benchmark failed: {report.BenchmarkCase.DisplayInfo}");
                failures++;
            }
        }
        return failures;
    }
}
