using System.Collections.Concurrent;
using System.Diagnostics;
using CareSequencing.Authoring.Scenarios;
using CareSequencing.Presentation;
using Xunit.Abstractions;

namespace CareSequencing.Tests.Reliability;

/// <summary>
/// Every core evaluates a fixed set of patients while a writer swaps the packs between known
/// versions, with invalid changes among the swaps. Every advice must be byte-identical to the
/// precomputed advice of exactly one known version; nothing may throw and nothing may be lost.
/// No assertion depends on timing: the writer waits for evaluations, never for a clock.
/// </summary>
public sealed class PackSwapStressTests(ITestOutputHelper output)
{
    private static readonly EvaluationSettings Settings = new() { AsOf = ShippedPatientGenerator.AsOf };

    // Liveness guard only: how long the writer waits for an evaluation before declaring the evaluators stuck.
    private static readonly TimeSpan Stuck = TimeSpan.FromMinutes(2);

    [Fact]
    public void Reload_WhileEveryCoreEvaluates_EachAdviceIsExactlyOneKnownVersion()
    {
        using var versions = new PackVersions();
        // The watcher must not reload between the writer's file writes: an hour of quiet never comes.
        using var source = new WatchingRuleSetSource([versions.Live], debounce: TimeSpan.FromHours(1));
        var patients = Patients();
        var harness = new Harness(versions, versions.Valid, patients, new CareEvaluator(source, new FixedTimeProvider(TestData.Now), Settings));
        Assert.Contains(harness.Expected(1), json => json.Contains("(version B)", StringComparison.Ordinal));
        Assert.Contains(harness.Expected(2), json => json.Contains("stress-extra", StringComparison.Ordinal));
        var swapsWanted = LongRuns.Size(100, 1_000);
        var swaps = 0;
        var refusals = 0;
        var watch = Stopwatch.StartNew();

        harness.Start();
        try
        {
            for (var step = 1; swaps < swapsWanted; step++)
            {
                if (step % 4 == 0)
                {
                    // An invalid change on top of the running version: refused, the very same set keeps serving.
                    var running = source.Current;
                    var invalid = versions.Invalid[step / 4 % versions.Invalid.Count];
                    versions.Apply(invalid);
                    var refused = source.Reload();
                    Assert.True(refused.Outcome == ReloadOutcome.Refused, $"invalid change '{invalid.Name}' was accepted");
                    Assert.Same(running, source.Current);
                    refusals++;
                    harness.WaitForEvaluationOf(harness.VersionOf(running));
                }
                var next = step % versions.Valid.Count;
                versions.Apply(versions.Valid[next]);
                var result = source.Reload();
                Assert.Equal(ReloadOutcome.Succeeded, result.Outcome);
                Assert.True(result.Changed, $"swap to version {versions.Valid[next].Name} changed nothing");
                Assert.Equal(next, harness.VersionOf(source.Current));
                swaps++;
                harness.WaitForEvaluationOf(next);
            }
        }
        finally
        {
            harness.Stop();
        }

        output.WriteLine(LongRuns.Format($"{LongRuns.Mode} run: {harness.Threads} evaluator threads, {patients.Count} patients, {swaps} swaps, {refusals} refused changes, {harness.Completed} evaluations ({string.Join(", ", harness.PerVersion.Select((n, v) => $"{versions.Valid[v].Name}: {n}"))}), {watch.Elapsed.TotalSeconds:F1} s"));
        harness.AssertClean();
        Assert.True(swaps >= swapsWanted);
        Assert.True(refusals >= swapsWanted / 4);
        Assert.All(harness.PerVersion, n => Assert.True(n > 0));
    }

    [Fact]
    public void FileWatcher_WhileEveryCoreEvaluates_SwapsAndRefusals_EachAdviceIsExactlyOneKnownVersion()
    {
        using var versions = new PackVersions();
        using var source = new WatchingRuleSetSource([versions.Live], debounce: TimeSpan.FromMilliseconds(50));
        var patients = Patients();
        var known = versions.SingleFile;
        var harness = new Harness(versions, known, patients, new CareEvaluator(source, new FixedTimeProvider(TestData.Now), Settings));
        Assert.Contains(harness.Expected(1), json => json.Contains("(retitled)", StringComparison.Ordinal));
        var reloads = new BlockingCollection<ReloadResult>();
        source.Reloaded += (_, result) => reloads.Add(result);
        var swapsWanted = LongRuns.Size(6, 60);
        var swaps = 0;

        harness.Start();
        try
        {
            for (var step = 1; swaps < swapsWanted; step++)
            {
                if (step % 3 == 0)
                {
                    var running = source.Current;
                    versions.Apply(versions.Invalid[step / 3 % versions.Invalid.Count]);
                    // Wait for the watcher's reload of this change: refused, and the same set still serves.
                    Assert.True(WaitFor(reloads, r => r.Outcome == ReloadOutcome.Refused), "the watcher never reported the invalid change");
                    Assert.Same(running, source.Current);
                }
                var next = step % known.Count;
                versions.Apply(known[next]);
                // The watcher may reload once per file written; versions differing in one file leave no
                // third state in between. Wait for the final state, not for the first reload.
                Assert.True(WaitFor(reloads, _ => harness.TryVersionOf(source.Current) == next), $"the watcher never served version {known[next].Name}");
                swaps++;
                harness.WaitForEvaluationOf(next);
            }
        }
        finally
        {
            harness.Stop();
        }

        output.WriteLine(LongRuns.Format($"{LongRuns.Mode} run (file watcher): {swaps} swaps, {harness.Completed} evaluations"));
        harness.AssertClean();
        Assert.All(harness.PerVersion, n => Assert.True(n > 0));
    }

    private static bool WaitFor(BlockingCollection<ReloadResult> reloads, Func<ReloadResult, bool> done)
    {
        while (reloads.TryTake(out var result, Stuck))
        {
            if (done(result)) return true;
        }
        return false;
    }

    /// <summary>The shipped sample patients and generated ones, some with no age or no phase.</summary>
    private static List<PatientContext> Patients()
    {
        var samples = Directory.EnumerateFiles(Path.Combine(TestData.RepositoryRoot, "samples", "patients"), "*.yaml")
            .Order(StringComparer.Ordinal).Select(CareSequencing.Loading.PatientContextReader.ReadFile);
        var generator = new ShippedPatientGenerator(RulePackLoader.Load(TestData.HandWrittenPacks()).GetRuleSetOrThrow(), seed: 7)
        {
            AllowUnknownAgeAndPhase = true,
        };
        // One patient the versions' retitled rule (seq.education-programme) always fires for, whatever the
        // generator draws as the packs grow.
        var education = new PatientContext
        {
            Id = "education-assessment-done",
            Age = 40,
            Conditions = [new("F32.1")],
            Therapies = [new("education/assessment") { Status = TherapyStatus.Completed }],
            Phase = new PatientPhase("therapeutic-education") { Completed = ["assessment", "medication-treatment"] },
        };
        return [.. samples, education, .. generator.Generate(25)];
    }

    /// <summary>
    /// The evaluator threads (one per core, at least two) and what they saw. Each evaluation is
    /// counted when submitted and when checked, so that a lost one shows as a difference.
    /// </summary>
    private sealed class Harness
    {
        private readonly IReadOnlyList<PatientContext> _patients;
        private readonly CareEvaluator _evaluator;
        private readonly Dictionary<string, int> _versionBySignature = new(StringComparer.Ordinal);
        private readonly string[][] _expected;
        private readonly long[] _perVersion;
        private readonly List<Thread> _threads = [];
        private readonly ConcurrentQueue<string> _failures = new();
        private long _submitted;
        private long _completed;
        private int _stop;

        public Harness(PackVersions versions, IReadOnlyList<PackVersion> known, IReadOnlyList<PatientContext> patients, CareEvaluator evaluator)
        {
            _patients = patients;
            _evaluator = evaluator;
            _expected = new string[known.Count][];
            for (var v = 0; v < known.Count; v++)
            {
                var ruleSet = versions.Load(known[v]);
                _versionBySignature.Add(PackVersions.Signature(ruleSet.Packs), v);
                _expected[v] = PackVersions.ExpectedJson(ruleSet, patients, Settings);
            }
            // Versions that gave the same advice would make "exactly one version" untestable.
            for (var p = 0; p < patients.Count; p++) Assert.Equal(_expected.Length, _expected.Select(e => e[p]).Distinct(StringComparer.Ordinal).Count());
            _perVersion = new long[known.Count];
            Threads = Math.Max(2, Environment.ProcessorCount);
        }

        public int Threads { get; }

        public long Completed => Interlocked.Read(ref _completed);

        /// <summary>Checked evaluations per version; read after <see cref="Stop"/>.</summary>
        public IReadOnlyList<long> PerVersion => [.. _perVersion];

        public string[] Expected(int version) => _expected[version];

        public int VersionOf(CompiledRuleSet ruleSet) => TryVersionOf(ruleSet) ?? throw new InvalidOperationException("not a known version");

        public int? TryVersionOf(CompiledRuleSet ruleSet) =>
            _versionBySignature.TryGetValue(PackVersions.Signature(ruleSet.Packs), out var v) ? v : null;

        public void Start()
        {
            for (var t = 0; t < Threads; t++)
            {
                var offset = t;
                var thread = new Thread(() => Run(offset)) { IsBackground = true, Name = $"evaluator-{t}" };
                _threads.Add(thread);
                thread.Start();
            }
        }

        public void Stop()
        {
            Volatile.Write(ref _stop, 1);
            foreach (var thread in _threads) thread.Join();
        }

        /// <summary>Blocks until some evaluation that started after this call has used <paramref name="version"/>.</summary>
        public void WaitForEvaluationOf(int version)
        {
            var before = Interlocked.Read(ref _perVersion[version]);
            var watch = Stopwatch.StartNew();
            var spin = new SpinWait();
            while (Interlocked.Read(ref _perVersion[version]) <= before + Threads)
            {
                if (!_failures.IsEmpty || watch.Elapsed > Stuck) throw new InvalidOperationException("evaluators stopped: " + string.Join("; ", _failures.Take(5)));
                spin.SpinOnce();
            }
        }

        public void AssertClean()
        {
            Assert.True(_failures.IsEmpty, string.Join(Environment.NewLine, _failures.Take(20)));
            Assert.Equal(Interlocked.Read(ref _submitted), Interlocked.Read(ref _completed));
            Assert.Equal(Interlocked.Read(ref _completed), _perVersion.Sum());
            Assert.True(Completed > 0);
        }

        private void Run(int offset)
        {
            for (var i = offset; Volatile.Read(ref _stop) == 0; i++)
            {
                var p = i % _patients.Count;
                Interlocked.Increment(ref _submitted);
                try
                {
                    var advice = _evaluator.Evaluate(_patients[p]);
                    if (!_versionBySignature.TryGetValue(PackVersions.Signature(advice.Packs), out var version))
                    {
                        _failures.Enqueue($"patient {p}: advice from unknown packs {PackVersions.Signature(advice.Packs)}");
                        continue;
                    }
                    if (!string.Equals(AdviceJsonWriter.Write(advice), _expected[version][p], StringComparison.Ordinal))
                    {
                        _failures.Enqueue($"patient {p}: advice differs from version {version}'s");
                        continue;
                    }
                    Interlocked.Increment(ref _perVersion[version]);
                    Interlocked.Increment(ref _completed);
                }
#pragma warning disable CA1031 // Every failure is collected and asserted on the test thread.
                catch (Exception error)
#pragma warning restore CA1031
                {
                    _failures.Enqueue($"patient {p}: {error.GetType().Name}: {error.Message}");
                }
            }
        }
    }
}
