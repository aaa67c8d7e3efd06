using System.Collections.Concurrent;
using System.Diagnostics;
using CareSequencing.Authoring.Scenarios;
using CareSequencing.Presentation;
using Microsoft.Extensions.Logging;

namespace CareSequencing.Tests;

public sealed class WatchingRuleSetSourceTests
{
    private const string OldVersion = "1.2.3";
    private const string NewVersion = "1.3.0";
    private const string OldText = "Alcohol dependence ({conditions}).";
    private const string NewText = "Alcohol use disorder ({conditions}).";

    [Fact]
    public void FileChange_UnderLoad_EveryAdviceUsesOneVersion_ThenOnlyTheNewOne()
    {
        var folder = CopyBasicPack();
        using var source = new WatchingRuleSetSource([folder]);
        var evaluator = new CareEvaluator(source, new FixedTimeProvider(TestData.Now));
        var patient = TestData.FullPatient;
        var oldJson = AdviceJsonWriter.Write(evaluator.Evaluate(patient));
        var outputs = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var failures = new ConcurrentQueue<Exception>();
        var staleAfterSwap = 0;
        var evaluations = 0;
        var swapped = 0;
        var stop = 0;

        var workers = Enumerable.Range(0, Math.Max(4, Environment.ProcessorCount)).Select(_ => new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                try
                {
                    var afterSwap = Volatile.Read(ref swapped) != 0;
                    var advice = evaluator.Evaluate(patient);
                    if (afterSwap && advice.Packs.Any(p => p.Version != NewVersion)) Interlocked.Increment(ref staleAfterSwap);
                    outputs.AddOrUpdate(AdviceJsonWriter.Write(advice), 1, (_, n) => n + 1);
                    Interlocked.Increment(ref evaluations);
                }
#pragma warning disable CA1031 // Every failure is collected and asserted below.
                catch (Exception error)
#pragma warning restore CA1031
                {
                    failures.Enqueue(error);
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());

        WaitUntil(() => Volatile.Read(ref evaluations) > 200, TimeSpan.FromSeconds(10));
        BumpVersionAndRule(folder);
        WaitUntil(() => source.Current.Packs[0].Version == NewVersion, TimeSpan.FromSeconds(15));
        Volatile.Write(ref swapped, 1);
        var afterSwapStart = Volatile.Read(ref evaluations);
        WaitUntil(() => Volatile.Read(ref evaluations) > afterSwapStart + 200, TimeSpan.FromSeconds(10));
        Volatile.Write(ref stop, 1);
        workers.ForEach(w => w.Join());

        var newJson = AdviceJsonWriter.Write(evaluator.Evaluate(patient));
        Assert.Empty(failures);
        Assert.Equal(0, staleAfterSwap);
        Assert.Contains($"\"{OldVersion}\"", oldJson, StringComparison.Ordinal);
        Assert.Contains("Alcohol dependence", oldJson, StringComparison.Ordinal);
        Assert.Contains($"\"{NewVersion}\"", newJson, StringComparison.Ordinal);
        Assert.Contains("Alcohol use disorder", newJson, StringComparison.Ordinal);
        Assert.DoesNotContain("Alcohol dependence", newJson, StringComparison.Ordinal);
        // Every advice is byte-identical to the old or the new rules' output: one version, never mixed.
        Assert.All(outputs.Keys, json => Assert.True(
            string.Equals(json, oldJson, StringComparison.Ordinal) || string.Equals(json, newJson, StringComparison.Ordinal),
            "An advice matched neither the old nor the new rule set."));
        Assert.True(outputs.ContainsKey(newJson));
        Assert.Equal(ReloadOutcome.Succeeded, source.LastReload?.Outcome);
    }

    [Fact]
    public void Reload_SyntaxError_IsRefused_OldVersionKeepsServing_DiagnosticsHaveFileLineColumn()
    {
        var folder = CopyBasicPack();
        using var source = new WatchingRuleSetSource([folder], debounce: TimeSpan.FromHours(1));
        var evaluator = new CareEvaluator(source, new FixedTimeProvider(TestData.Now));
        var running = source.Current;
        var rules = Path.Combine(folder, "rules", "rules.yaml");
        File.AppendAllText(rules, "\n  - id: [t.broken\n    family: sequencing\n");

        var result = source.Reload();

        Assert.Equal(ReloadOutcome.Refused, result.Outcome);
        Assert.False(result.Changed);
        Assert.Same(running, source.Current);
        Assert.Same(running, result.RuleSet);
        Assert.Same(result, source.LastReload);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.EndsWith("rules.yaml", error.Location.File, StringComparison.Ordinal);
        Assert.True(error.Location.Line > 1 && error.Location.Column >= 1);
        Assert.Contains($"rules.yaml:{error.Location.Line}:{error.Location.Column}", error.Location.ToString(), StringComparison.Ordinal);
        Assert.Equal(OldVersion, evaluator.Evaluate(TestData.FullPatient).Packs.Single().Version);
    }

    [Fact]
    public void Reload_Refused_LogsEveryErrorWithItsPosition()
    {
        var folder = CopyBasicPack();
        var logger = new CapturingLogger();
        using var source = new WatchingRuleSetSource([folder], logger: logger, debounce: TimeSpan.FromHours(1));
        File.AppendAllText(Path.Combine(folder, "rules", "rules.yaml"), "\n  - id: [t.broken\n");

        var result = source.Reload();

        var error = result.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(logger.Messages, m => m.Level == LogLevel.Error && m.Text.Contains("refused", StringComparison.Ordinal)
            && m.Text.Contains("test-basic@1.2.3", StringComparison.Ordinal));
        Assert.Contains(logger.Messages, m => m.Level == LogLevel.Error && m.Text.Contains(error.Code, StringComparison.Ordinal)
            && m.Text.Contains($"rules.yaml({error.Location.Line},{error.Location.Column})", StringComparison.Ordinal));
    }

    [Fact]
    public void Reload_Explicit_SwapsOnce_RaisesReloaded_ThenReportsUnchanged()
    {
        var folder = CopyBasicPack();
        using var source = new WatchingRuleSetSource([folder], debounce: TimeSpan.FromHours(1));
        var raised = new List<ReloadResult>();
        source.Reloaded += (_, r) => raised.Add(r);
        Assert.Null(source.LastReload);
        BumpVersionAndRule(folder);

        var first = source.Reload();
        var second = source.Reload();

        Assert.Equal(ReloadOutcome.Succeeded, first.Outcome);
        Assert.True(first.Changed);
        Assert.Equal(NewVersion, first.RuleSet.Packs.Single().Version);
        Assert.Same(first.RuleSet, source.Current);
        Assert.Equal(ReloadOutcome.Succeeded, second.Outcome);
        Assert.False(second.Changed);
        Assert.Same(first.RuleSet, second.RuleSet);
        Assert.Equal([first, second], raised);
        var proposal = new CareEvaluator(source, new FixedTimeProvider(TestData.Now)).Evaluate(TestData.FullPatient)
            .Proposals.Single(p => p.RuleId == "t.naltrexone");
        Assert.Equal(75, proposal.Score.Priority);
    }

    [Fact]
    public void Constructor_PackWithErrors_Throws()
    {
        Assert.Throws<RulePackLoadException>(() => new WatchingRuleSetSource([TestData.Invalid("CSQ1003-duplicate-rule-id")]));
    }

    [Fact]
    public void Dispose_ThenReload_Throws_CurrentStillReadable()
    {
        var source = new WatchingRuleSetSource([CopyBasicPack()]);
        source.Dispose();
        source.Dispose();

        Assert.Throws<ObjectDisposedException>(() => source.Reload());
        Assert.Equal(OldVersion, source.Current.Packs.Single().Version);
    }

    [Fact]
    public void ConcurrentReloads_RaiseReloadedInOrder_EachWhileItsResultIsTheLastOne()
    {
        var clock = new TickingTimeProvider();
        using var source = new WatchingRuleSetSource([RulePackSource.Folder(CopyBasicPack())], null, clock);
        var received = new ConcurrentQueue<(ReloadResult Result, bool WasLast)>();
        source.Reloaded += (_, result) => received.Enqueue((result, ReferenceEquals(source.LastReload, result)));

        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < 10; i++) source.Reload();
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var events = received.ToArray();
        Assert.Equal(40, events.Length);
        Assert.All(events, e => Assert.True(e.WasLast, "an event arrived after a later reload had replaced its result"));
        Assert.Equal(events.Select(e => e.Result.AttemptedAt).Order(), events.Select(e => e.Result.AttemptedAt));
    }

    [Fact]
    public void EditDuringTheFirstLoad_IsPickedUp_NotMissedUntilTheNextEdit()
    {
        // A folder of packs slow enough to load (the ANSM table) beside the basic pack, edited while the
        // constructor reads it: watching starts before the first load, so the edit schedules a reload.
        var root = Path.Combine(Path.GetTempPath(), "csq-tests", Guid.NewGuid().ToString("N"));
        var basic = Path.Combine(root, "basic");
        Directory.CreateDirectory(root);
        Directory.Move(CopyBasicPack(), basic);
        var ansm = Path.Combine(TestData.ShippedRules, "drug-interactions-ansm");
        foreach (var file in Directory.EnumerateFiles(ansm, "*.yaml", SearchOption.AllDirectories).Where(f => !f.Contains("scenarios", StringComparison.Ordinal)))
        {
            var destination = Path.Combine(root, "ansm", Path.GetRelativePath(ansm, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        using var started = new ManualResetEventSlim();
        var editor = new Thread(() =>
        {
            started.Wait();
            Thread.Sleep(20);
            BumpVersionAndRule(basic);
        });
        editor.Start();

        started.Set();
        using var source = new WatchingRuleSetSource([root], debounce: TimeSpan.FromMilliseconds(50));
        editor.Join();

        WaitUntil(() => source.Current.Packs.Single(p => p.Id == "test-basic").Version == NewVersion, TimeSpan.FromSeconds(20));
    }

    /// <summary>A clock that moves one millisecond each time it is read, so reload times are distinct and ordered.</summary>
    private sealed class TickingTimeProvider : TimeProvider
    {
        private long _ticks = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero).UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Add(ref _ticks, TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>A private copy of the basic fixture pack that a test may edit.</summary>
    internal static string CopyBasicPack()
    {
        var target = Path.Combine(Path.GetTempPath(), "csq-tests", Guid.NewGuid().ToString("N"), "basic");
        foreach (var file in Directory.EnumerateFiles(TestData.BasicPack, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(TestData.BasicPack, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }

    /// <summary>Version 1.2.3 → 1.3.0; rule t.naltrexone: priority 70 → 75 and new English text.</summary>
    internal static void BumpVersionAndRule(string folder)
    {
        var rulesPath = Path.Combine(folder, "rules", "rules.yaml");
        var rules = File.ReadAllText(rulesPath);
        var naltrexone = rules.IndexOf("id: t.naltrexone", StringComparison.Ordinal);
        var priority = rules.IndexOf("priority: 70", naltrexone, StringComparison.Ordinal);
        rules = string.Concat(rules.AsSpan(0, priority), "priority: 75", rules.AsSpan(priority + "priority: 70".Length))
            .Replace(OldText, NewText, StringComparison.Ordinal);
        var manifestPath = Path.Combine(folder, "pack.yaml");
        var manifest = File.ReadAllText(manifestPath).Replace($"version: {OldVersion}", $"version: {NewVersion}", StringComparison.Ordinal);
        File.WriteAllText(rulesPath, rules);
        File.WriteAllText(manifestPath, manifest);
    }

    private static void WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < timeout, $"Condition not met within {timeout.TotalSeconds} s.");
            Thread.Sleep(10);
        }
    }

    private sealed class CapturingLogger : ILogger<WatchingRuleSetSource>
    {
        public ConcurrentQueue<(LogLevel Level, string Text)> Messages { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Enqueue((logLevel, formatter(state, exception)));
    }
}
