using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CareSequencing.Authoring.Scenarios;
using CareSequencing.Presentation;
using CareSequencing.Tests.Compilation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareSequencing.Tests.Evaluation;

/// <summary>
/// One faulty rule never silences the others: a condition that throws is skipped and reported
/// (<see cref="Advice.Faults"/>, warning CSQ1042), counted and logged once; with
/// <see cref="EvaluationSettings.ThrowOnRuleFault"/> it throws instead.
/// </summary>
public sealed class RuleFaultIsolationTests
{
    private const string DivideByZero = "10 / facts.CountMedications(\"N05BA\") > 1";

    /// <summary>A pack <c>faulty@2.0.0</c> with rule <paramref name="ruleId"/> (condition <paramref name="when"/>) and rule <c>ok</c>, which always fires.</summary>
    internal static string FaultyPack(string when, string ruleId = "r1", string packId = "faulty") => TestData.TempPack(
        ("pack.yaml", TestData.Manifest.Replace("id: temp", $"id: {packId}", StringComparison.Ordinal).Replace("version: 1.0.0", "version: 2.0.0", StringComparison.Ordinal)),
        ("rules.yaml", $$"""
            rules:
              - id: {{ruleId}}
                family: sequencing
                status: active
                title: { en: R, fr: R }
                when: '{{when.Replace("'", "''", StringComparison.Ordinal)}}'
                proposal: { action: do-r1, priority: 50, text: { en: T, fr: T } }
                sources: [s]
              - id: ok
                family: sequencing
                status: active
                title: { en: OK, fr: OK }
                when: 'facts.Age >= 0'
                proposal: { action: do-ok, priority: 40, text: { en: T, fr: T } }
                sources: [s]
            """));

    private static CareEvaluator Evaluator(CompiledRuleSet rules, ILogger<CareEvaluator>? logger = null) =>
        new(rules, new FixedTimeProvider(TestData.Now), logger: logger);

    public static TheoryData<string> FaultNames() =>
        [.. ExpressionCorpusTests.Entries("runtime-faults.yaml", "faults").Select(e => (string)e!["name"]!)];

    [Fact]
    public void ShippedPacksWithDivideByZeroPack_GiveTheShippedAdvicePlusOneFault()
    {
        var patient = PatientContextReaderSample("double-diagnosis-alcohol.yaml");
        var shipped = Evaluator(RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow()).Evaluate(patient);
        var together = RulePackLoader.Load(TestData.ShippedRules, FaultyPack(DivideByZero, "faulty.divide")).GetRuleSetOrThrow();

        var advice = Evaluator(together).Evaluate(patient);

        Assert.NotEmpty(shipped.Alerts);
        Assert.Equal(Summary(shipped.Alerts), Summary(advice.Alerts));
        Assert.Equal(Summary(shipped.Proposals), Summary(advice.Proposals.Where(p => p.RuleId != "ok")));
        var fault = Assert.Single(advice.Faults);
        Assert.Equal(("faulty.divide", "faulty", "2.0.0", RuleFaultKind.DivisionByZero), (fault.RuleId, fault.Pack.Id, fault.Pack.Version, fault.Kind));
        Assert.Equal(shipped.Warnings.Select(w => w.Code + w.Path), advice.Warnings.Take(shipped.Warnings.Count).Select(w => w.Code + w.Path));
        var warning = Assert.Single(advice.Warnings.Skip(shipped.Warnings.Count));
        Assert.Equal(("CSQ1042", "faulty.divide"), (warning.Code, warning.Path));
        Assert.Contains("faulty@2.0.0", warning.Message, StringComparison.Ordinal);
        Assert.Contains("division by zero", warning.Message, StringComparison.Ordinal);
        Assert.Empty(shipped.Faults);
    }

    [Theory]
    [MemberData(nameof(FaultNames))]
    public void Evaluate_RuntimeFaultCorpus_SkipsTheRuleReportsItsKindAndRunsTheOthers(string name)
    {
        var entry = ExpressionCorpusTests.Entries("runtime-faults.yaml", "faults").Single(e => (string)e!["name"]! == name)!;
        var load = RulePackLoader.Load(FaultyPack((string)entry["expression"]!));
        Assert.False(load.HasErrors, string.Join("\n", load.Diagnostics));

        var advice = Evaluator(load.GetRuleSetOrThrow()).Evaluate(TestData.FullPatient);

        var fault = Assert.Single(advice.Faults);
        Assert.Equal(("r1", "faulty"), (fault.RuleId, fault.Pack.Id));
        Assert.Equal(Enum.Parse<RuleFaultKind>((string)entry["kind"]!), fault.Kind);
        Assert.Equal("ok", Assert.Single(advice.Proposals).RuleId);
        var warning = Assert.Single(advice.Warnings, w => w.Code == "CSQ1042");
        Assert.Equal("r1", warning.Path);
        // The patient's values (age 55, its codes) never appear; the rule and pack do.
        Assert.DoesNotContain("55", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("N06AB", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FaultNames))]
    public void Evaluate_RuntimeFaultCorpus_ThrowsWhenTheHostAsksForIt(string name)
    {
        var entry = ExpressionCorpusTests.Entries("runtime-faults.yaml", "faults").Single(e => (string)e!["name"]! == name)!;
        var rules = RulePackLoader.Load(FaultyPack((string)entry["expression"]!)).GetRuleSetOrThrow();

        var error = Assert.Throws<RuleEvaluationException>(() =>
            Evaluator(rules).Evaluate(TestData.FullPatient, new EvaluationSettings { ThrowOnRuleFault = true }));

        Assert.Equal(("r1", "faulty"), (error.RuleId, error.Pack.Id));
        Assert.Equal(Enum.Parse<RuleFaultKind>((string)entry["kind"]!), error.Kind);
        Assert.IsAssignableFrom<ArithmeticException>(error.InnerException);
    }

    [Fact]
    public void RuntimeFaultCorpus_HasSeveralVariantsOfEachKind()
    {
        var kinds = ExpressionCorpusTests.Entries("runtime-faults.yaml", "faults").Select(e => (string)e!["kind"]!).ToList();

        Assert.True(kinds.Count(k => k == "DivisionByZero") >= 8, "division and remainder, int, long and decimal");
        Assert.True(kinds.Count(k => k == "Overflow") >= 4, "decimal and integer overflow");
    }

    [Theory]
    [InlineData(typeof(NullReferenceException), RuleFaultKind.NullValue)]
    [InlineData(typeof(ArgumentNullException), RuleFaultKind.NullValue)]
    [InlineData(typeof(ArgumentOutOfRangeException), RuleFaultKind.InvalidArgument)]
    [InlineData(typeof(IndexOutOfRangeException), RuleFaultKind.InvalidArgument)]
    [InlineData(typeof(FormatException), RuleFaultKind.InvalidArgument)]
    [InlineData(typeof(InvalidOperationException), RuleFaultKind.Other)]
    [InlineData(typeof(KeyNotFoundException), RuleFaultKind.Other)]
    [InlineData(typeof(OverflowException), RuleFaultKind.Overflow)]
    [InlineData(typeof(DivideByZeroException), RuleFaultKind.DivisionByZero)]
    public void Evaluate_AnyExceptionFromACondition_IsIsolatedWithItsKind(Type exception, RuleFaultKind kind)
    {
        // The language cannot produce some of these (a null is refused at load); a predicate that throws them stands for a helper bug.
        var rules = WithThrowingRule(RulePackLoader.Load(FaultyPack("facts.Age > 1")).GetRuleSetOrThrow(), "r1", exception);

        var advice = Evaluator(rules).Evaluate(TestData.FullPatient);

        Assert.Equal(("r1", kind), (Assert.Single(advice.Faults).RuleId, advice.Faults[0].Kind));
        Assert.Equal("ok", Assert.Single(advice.Proposals).RuleId);
    }

    [Fact]
    public void Evaluate_OutOfMemory_IsNotARuleFault()
    {
        var rules = WithThrowingRule(RulePackLoader.Load(FaultyPack("facts.Age > 1")).GetRuleSetOrThrow(), "r1", typeof(OutOfMemoryException));

        Assert.Throws<OutOfMemoryException>(() => Evaluator(rules).Evaluate(TestData.FullPatient));
    }

    [Fact]
    public void Evaluate_SeveralFaultyRulesInSeveralPacks_AreOrderedByPackThenRule()
    {
        var zeta = TestData.TempPack(
            ("pack.yaml", TestData.Manifest.Replace("id: temp", "id: zeta", StringComparison.Ordinal)),
            ("rules.yaml", string.Join("\n", new[] { "rules:" }.Concat(new[] { "m", "a", "z" }.Select(id => $$"""
                  - id: zeta.{{id}}
                    family: sequencing
                    status: active
                    title: { en: R, fr: R }
                    when: '100 / (facts.Age - facts.Age) > 1'
                    proposal: { action: do-{{id}}, priority: 50, text: { en: T, fr: T } }
                    sources: [s]
                """)))));
        var rules = RulePackLoader.Load(zeta, FaultyPack(DivideByZero, "alpha.r")).GetRuleSetOrThrow();
        var evaluator = Evaluator(rules);

        var first = evaluator.Evaluate(TestData.FullPatient);
        var second = evaluator.Evaluate(TestData.FullPatient);

        Assert.Equal(["faulty/alpha.r", "zeta/zeta.a", "zeta/zeta.m", "zeta/zeta.z"], first.Faults.Select(f => f.Pack.Id + "/" + f.RuleId));
        Assert.Equal(["alpha.r", "zeta.a", "zeta.m", "zeta.z"], first.Warnings.Where(w => w.Code == "CSQ1042").Select(w => w.Path));
        Assert.Equal(AdviceJsonWriter.Write(first), AdviceJsonWriter.Write(second));
    }

    [Fact]
    public void Evaluate_ManyThreadsWithAFaultyRule_SameAdviceEveryTime_LoggedOnce_CountedEveryTime()
    {
        const string ruleId = "fault.concurrency";
        const int threads = 8, perThread = 50;
        var measurements = new ConcurrentQueue<KeyValuePair<string, object?>[]>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "CareSequencing" && instrument.Name == "caresequencing.rule.faults") listener.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            for (var i = 0; i < value; i++) measurements.Enqueue(tags.ToArray());
        });
        meters.Start();
        var logger = new CollectingLogger();
        var rules = RulePackLoader.Load(FaultyPack(DivideByZero, ruleId)).GetRuleSetOrThrow();
        var evaluator = Evaluator(rules, logger);
        var outputs = new ConcurrentBag<string>();

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
        {
            for (var i = 0; i < perThread; i++) outputs.Add(AdviceJsonWriter.Write(evaluator.Evaluate(TestData.FullPatient)));
        });

        Assert.Equal(threads * perThread, outputs.Count);
        Assert.Single(outputs.Distinct(StringComparer.Ordinal));
        Assert.Contains("\"faults\"", outputs.First(), StringComparison.Ordinal);
        var logged = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains(ruleId, logged.Message, StringComparison.Ordinal);
        Assert.Contains("faulty@2.0.0", logged.Message, StringComparison.Ordinal);
        Assert.Contains("division-by-zero", logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("55", logged.Message, StringComparison.Ordinal);
        var ours = measurements.Where(tags => tags.Any(t => t.Key == "rule" && (string?)t.Value == ruleId)).ToList();
        Assert.Equal(threads * perThread, ours.Count);
        Assert.All(ours, tags =>
        {
            Assert.Contains(tags, t => t.Key == "pack" && (string?)t.Value == "faulty@2.0.0");
            Assert.Contains(tags, t => t.Key == "kind" && (string?)t.Value == "division-by-zero");
        });
    }

    [Fact]
    public void Evaluate_WithAFault_CountsThePartialOutcome_AndWithoutOne_Succeeded()
    {
        var outcomes = new ConcurrentQueue<string>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "CareSequencing" && instrument.Name == "caresequencing.evaluations") listener.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "outcome") outcomes.Enqueue((string)tag.Value!);
        });
        meters.Start();
        var faulty = Evaluator(RulePackLoader.Load(FaultyPack(DivideByZero)).GetRuleSetOrThrow());
        var sound = Evaluator(RulePackLoader.Load(FaultyPack("facts.Age > 1")).GetRuleSetOrThrow());

        var before = outcomes.Count(o => o == "partial");
        Assert.NotEmpty(faulty.Evaluate(TestData.FullPatient).Faults);
        Assert.Empty(sound.Evaluate(TestData.FullPatient).Faults);

        // Other tests evaluate in parallel: at least ours is counted as partial.
        Assert.True(outcomes.Count(o => o == "partial") > before);
        Assert.Contains("succeeded", outcomes);
    }

    [Fact]
    public void Evaluate_SameFault_IsLoggedOncePerEvaluator()
    {
        var logger = new CollectingLogger();
        var rules = RulePackLoader.Load(FaultyPack(DivideByZero)).GetRuleSetOrThrow();

        for (var i = 0; i < 3; i++) Evaluator(rules, logger).Evaluate(TestData.FullPatient);
        var evaluator = Evaluator(rules, logger);
        for (var i = 0; i < 3; i++) evaluator.Evaluate(TestData.FullPatient);

        Assert.Equal(4, logger.Entries.Count);
    }

    [Fact]
    public void Text_Json_CdsHooks_ShowTheFault()
    {
        var advice = Evaluator(RulePackLoader.Load(FaultyPack(DivideByZero)).GetRuleSetOrThrow()).Evaluate(TestData.FullPatient);
        var french = Evaluator(RulePackLoader.Load(FaultyPack(DivideByZero)).GetRuleSetOrThrow()).Evaluate(TestData.FullPatient, new EvaluationSettings { Language = "fr" });

        var text = AdviceTextWriter.Write(advice);
        Assert.Contains("INCOMPLETE: 1 rule(s) could not be evaluated and were skipped (r1)", text, StringComparison.Ordinal);
        Assert.Contains("CSQ1042 r1: Rule 'r1' of pack faulty@2.0.0 could not be evaluated (division by zero)", text, StringComparison.Ordinal);
        Assert.Contains("INCOMPLET : 1 règle(s)", AdviceTextWriter.Write(french), StringComparison.Ordinal);

        using var json = System.Text.Json.JsonDocument.Parse(AdviceJsonWriter.Write(advice));
        var fault = Assert.Single(json.RootElement.GetProperty("faults").EnumerateArray());
        Assert.Equal("r1", fault.GetProperty("ruleId").GetString());
        Assert.Equal("faulty@2.0.0", fault.GetProperty("pack").GetString());
        Assert.Equal(advice.Faults[0].Pack.Sha256, fault.GetProperty("packSha256").GetString());
        Assert.Equal("division-by-zero", fault.GetProperty("kind").GetString());
        Assert.Contains(json.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "CSQ1042");

        using var cds = System.Text.Json.JsonDocument.Parse(CdsHooksWriter.Write(advice));
        var cards = cds.RootElement.GetProperty("cards").EnumerateArray().ToList();
        var card = Assert.Single(cards, c => c.GetProperty("source").TryGetProperty("topic", out var t) && t.GetProperty("code").GetString() == CdsHooksWriter.RuleFaultsTopic);
        Assert.Equal("warning", card.GetProperty("indicator").GetString());
        Assert.Equal(CdsHooksWriter.FaultsCardUuid(advice), card.GetProperty("uuid").GetString());
        Assert.Contains("could not be evaluated", card.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("`r1`", card.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("does not mean there is no problem", card.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // The fault is not counted again as a record item: this patient's record is clean.
        Assert.DoesNotContain(cards, c => c.GetProperty("source").TryGetProperty("topic", out var t) && t.GetProperty("code").GetString() == CdsHooksWriter.InputWarningsTopic);
        Assert.Null(CdsHooksWriter.WarningsCardUuid(advice));
        Assert.Contains(cards, c => c.GetProperty("summary").GetString() == "OK");
    }

    [Fact]
    public void CdsHooks_WithoutFault_HasNoFaultCard_AndUnchangedJson()
    {
        var advice = Evaluator(RulePackLoader.Load(FaultyPack("facts.Age > 1")).GetRuleSetOrThrow()).Evaluate(TestData.FullPatient);

        Assert.Null(CdsHooksWriter.FaultsCardUuid(advice));
        Assert.DoesNotContain(CdsHooksWriter.RuleFaultsTopic, CdsHooksWriter.Write(advice), StringComparison.Ordinal);
        Assert.DoesNotContain("\"faults\"", AdviceJsonWriter.Write(advice), StringComparison.Ordinal);
        Assert.DoesNotContain("INCOMPLETE", AdviceTextWriter.Write(advice), StringComparison.Ordinal);
    }

    [Fact]
    public void DependencyInjection_ThrowOnRuleFaultOption_ReachesTheEvaluator()
    {
        var folder = FaultyPack(DivideByZero);
        using var isolating = new ServiceCollection().AddCareSequencing(o => o.PackPaths.Add(folder)).BuildServiceProvider();
        using var strict = new ServiceCollection().AddCareSequencing(o => { o.PackPaths.Add(folder); o.ThrowOnRuleFault = true; }).BuildServiceProvider();

        Assert.Single(isolating.GetRequiredService<ICareEvaluator>().Evaluate(TestData.FullPatient).Faults);
        var strictEvaluator = strict.GetRequiredService<ICareEvaluator>();
        Assert.Throws<RuleEvaluationException>(() => strictEvaluator.Evaluate(TestData.FullPatient));
    }

    [Fact]
    public void FactsHelpers_NullOrOutOfRangeArguments_AnswerFalseOrZero_NeverThrow()
    {
        var facts = CareSequencing.Evaluation.PatientFactsBuilder.Build(TestData.FullPatient, new DateOnly(2026, 11, 23), "en", [], null);
        var helpers = typeof(CareSequencing.Evaluation.PatientFacts).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetParameters().Length > 0)
            .ToList();

        Assert.True(helpers.Count >= 12, $"{helpers.Count} helpers");
        foreach (var helper in helpers)
        {
            foreach (var number in new[] { 0, -1, int.MinValue, int.MaxValue })
            {
                var args = helper.GetParameters().Select(p => p.ParameterType == typeof(string) ? null : (object)number).ToArray();
                var result = helper.Invoke(facts, args);
                Assert.True(result is false or 0, $"{helper.Name}(null, {number}) gave {result}");
            }
        }
    }

    private static CompiledRuleSet WithThrowingRule(CompiledRuleSet rules, string ruleId, Type exception) =>
        new(rules.PackModels,
            [.. rules.Rules.Select(r => r.Definition.Id != ruleId ? r
                : r with { Condition = r.Condition with { Predicate = _ => throw (Exception)Activator.CreateInstance(exception)! } })],
            rules.Interactions);

    private static PatientContext PatientContextReaderSample(string name) =>
        CareSequencing.Loading.PatientContextReader.ReadFile(Path.Combine(TestData.RepositoryRoot, "samples", "patients", name));

    private static List<string> Summary(IEnumerable<Alert> alerts) =>
        [.. alerts.Select(a => $"{a.RuleId}|{a.Severity}|{string.Join(",", a.Codes)}|{a.Title}")];

    private static List<string> Summary(IEnumerable<Proposal> proposals) =>
        [.. proposals.Select(p => $"{p.RuleId}|{p.Action}|{p.Status}|{p.Score.Total}")];

    private sealed class CollectingLogger : ILogger<CareEvaluator>
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Queue { get; } = new();

        public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. Queue];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Queue.Enqueue((logLevel, formatter(state, exception)));
    }
}
