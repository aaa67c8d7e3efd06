using System.Diagnostics;
using System.Text;
using CareSequencing.Evaluation;
using CareSequencing.Model;
using RulesEngine.Models;
using Xunit.Abstractions;

namespace CareSequencing.Tests.Reliability;

/// <summary>
/// Differential testing of the fast path (rule index, sandboxed parse, FastExpressionCompiler
/// delegates) against RulesEngine's own <c>ExecuteAllRulesAsync</c> on the very same expression
/// texts and the very same <see cref="PatientFacts"/> object, per patient and per rule; and of the
/// indexed interaction check against a naive all-pairs reference. Zero disagreements allowed.
/// </summary>
public sealed class RulesEngineDifferentialTests(ITestOutputHelper output)
{
    private const string Workflow = "shipped";

    private static readonly EvaluationSettings Settings = new() { AsOf = ShippedPatientGenerator.AsOf, IncludeDraftRules = true };

    [Fact]
    public async Task FastPath_AgreesWithRulesEngine_OnEveryShippedRule_ForGeneratedPatients()
    {
        // The expression rules' packs: the imported ANSM table has none, and its thousand codes would
        // dilute the generator's draws so that narrow rules never fire.
        var ruleSet = RulePackLoader.Load(TestData.HandWrittenPacks()).GetRuleSetOrThrow();
        var rules = ruleSet.Rules;
        var engine = new RulesEngine.RulesEngine([new Workflow
        {
            WorkflowName = Workflow,
            Rules = [.. rules.Select(r => new Rule
            {
                RuleName = r.Definition.Id,
                Expression = r.Definition.Condition,
                RuleExpressionType = RuleExpressionType.LambdaExpression,
            })],
        }], EngineSettings());
        var patients = new ShippedPatientGenerator(ruleSet, seed: 20261128).Generate(LongRuns.Size(20_000, 100_000));
        var firedCount = new int[rules.Length];
        var disagreements = new List<string>();
        var watch = Stopwatch.StartNew();

        foreach (var patient in patients)
        {
            // The fast path as evaluations run it: index candidates, then compiled predicates.
            var run = AdviceEngine.Evaluate(ruleSet, patient, Settings.AsOf!.Value, Settings);
            Assert.DoesNotContain(run.Warnings, w => w.Code == CareSequencing.Loading.DiagnosticCodes.PatientFactUnavailable);
            var fast = run.Fired.Select(r => r.Definition.Id).ToHashSet(StringComparer.Ordinal);
            var results = await engine.ExecuteAllRulesAsync(Workflow, new RuleParameter("facts", run.Facts));

            Assert.Equal(rules.Length, results.Count);
            for (var i = 0; i < rules.Length; i++)
            {
                var id = rules[i].Definition.Id;
                var result = results[i];
                Assert.Equal(id, result.Rule.RuleName);
                // A message means RulesEngine could not parse or run the text our parser accepted: name it.
                Assert.True(string.IsNullOrEmpty(result.ExceptionMessage), $"RulesEngine failed on rule {id}: {result.ExceptionMessage}");
                if (result.IsSuccess) firedCount[i]++;
                if (result.IsSuccess == fast.Contains(id)) continue;
                // Tell an index miss from a compilation difference: the predicate alone, outside the index.
                var predicate = rules[i].Condition.Predicate(run.Facts);
                disagreements.Add($"{patient.Id} {id}: RulesEngine {result.IsSuccess}, fast path {!result.IsSuccess}, predicate alone {predicate}");
            }
        }
        watch.Stop();

        var report = new StringBuilder();
        report.AppendLine(LongRuns.Format($"{LongRuns.Mode} run: {patients.Count} patients x {rules.Length} rules = {patients.Count * rules.Length} comparisons, {disagreements.Count} disagreements, {watch.Elapsed.TotalSeconds:F1} s"));
        for (var i = 0; i < rules.Length; i++) report.AppendLine(LongRuns.Format($"  {rules[i].Definition.Id} ({rules[i].Definition.Status}): fired for {firedCount[i]}"));
        output.WriteLine(report.ToString());

        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements.Take(20)));
        // A rule that never fires is compared on one side only: the generator would be too weak.
        var neverFired = rules.Where((r, i) => firedCount[i] == 0).Select(r => r.Definition.Id).ToList();
        Assert.True(neverFired.Count == 0, "never fired: " + string.Join(", ", neverFired));
        Assert.Contains(rules, r => r.Definition.Status == RuleStatus.Draft);
    }

    [Fact]
    public void InteractionChecker_AgreesWithAllPairsReference_ForGeneratedPatients()
    {
        var ruleSet = RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow();
        var entries = ruleSet.Interactions;
        // Patients drawn from every table, and as many from the hand-written tables alone, whose entries
        // the imported table's codes would otherwise crowd out.
        var patients = new ShippedPatientGenerator(ruleSet, seed: 20261129).Generate(LongRuns.Size(8_000, 80_000))
            .Concat(new ShippedPatientGenerator(RulePackLoader.Load(TestData.HandWrittenPacks()).GetRuleSetOrThrow(), seed: 20261130).Generate(LongRuns.Size(4_000, 40_000)))
            .ToList();
        var firedCount = new int[entries.Length];
        var disagreements = new List<string>();

        foreach (var patient in patients)
        {
            var facts = PatientFactsBuilder.Build(patient, Settings.AsOf!.Value, "en", []);
            // Entries merged into one alert (same medications) are each still reported by the checker.
            var indexed = InteractionChecker.Check(ruleSet, facts, Settings.AsOf.Value, Settings, "en")
                .SelectMany(a => a.Alert.Merged.Select(m => m.RuleId).Prepend(a.Alert.RuleId)
                    .Select(id => id + " " + string.Join(",", a.Alert.Codes.Order(StringComparer.Ordinal))))
                .Order(StringComparer.Ordinal).ToList();
            var reference = new List<string>();
            for (var e = 0; e < entries.Length; e++)
            {
                if (Reference(entries[e].Entry, facts) is not { } codes) continue;
                firedCount[e]++;
                reference.Add(entries[e].Entry.Id + " " + string.Join(",", codes));
            }
            reference.Sort(StringComparer.Ordinal);
            if (!indexed.SequenceEqual(reference, StringComparer.Ordinal))
                disagreements.Add($"{patient.Id}: indexed [{string.Join("; ", indexed)}], reference [{string.Join("; ", reference)}]");
        }

        output.WriteLine(LongRuns.Format($"{LongRuns.Mode} run: {patients.Count} patients x {entries.Length} interaction entries, {disagreements.Count} disagreements"));
        for (var e = 0; e < entries.Length; e++) output.WriteLine(LongRuns.Format($"  {entries[e].Entry.Id}: fired for {firedCount[e]}"));
        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements.Take(20)));
        // Every hand-written entry is reached; of an imported table (1,400 entries), nearly every one.
        var neverFired = entries.Where((x, e) => firedCount[e] == 0 && !x.Pack.SampledCoverage).Select(x => x.Entry.Id).ToList();
        Assert.True(neverFired.Count == 0, "never fired: " + string.Join(", ", neverFired));
        var sampledNeverFired = entries.Where((x, e) => firedCount[e] == 0 && x.Pack.SampledCoverage).Count();
        Assert.True(sampledNeverFired <= entries.Count(x => x.Pack.SampledCoverage) / 20, $"{sampledNeverFired} imported entries never fired");
    }

    [Fact]
    public void InteractionChecker_SameSubstanceListedTwice_IsNotAnInteraction()
    {
        // Regression: amiodarone on both sides of the QT-prolonging pair entry, listed twice (say, a
        // dose change recorded as a second line), gave "amiodarone + amiodarone".
        var evaluator = new CareEvaluator(RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow(), new CareSequencing.Authoring.Scenarios.FixedTimeProvider(TestData.Now));
        PatientContext Patient(string second) => new()
        {
            Age = 60,
            Phase = new("follow-up"),
            Medications = [new("C01BD01") { Form = "tablet" }, new(second) { Form = "tablet" }],
        };

        var twice = evaluator.Evaluate(Patient("C01BD01"), Settings);
        var pair = evaluator.Evaluate(Patient("C07AA07"), Settings);

        Assert.DoesNotContain(twice.Alerts, a => a.RuleId == "ix.onc-hp.qt-prolonging-pair");
        Assert.Contains(pair.Alerts, a => a.RuleId == "ix.onc-hp.qt-prolonging-pair");
    }

    /// <summary>
    /// The table's meaning, written the slow way: an entry fires when two active medications with
    /// different codes (two substances, not one listed twice) fall under side A and side B by ATC
    /// prefix and form.
    /// Returns the codes of every medication on either side, or null when the entry does not fire.
    /// </summary>
    private static List<string>? Reference(InteractionEntry entry, PatientFacts facts)
    {
        if (!AdviceEngine.IsRunnable(entry.Status, entry.Effective, Settings.AsOf!.Value, Settings)) return null;
        var medications = facts.Medications;
        bool Under(InteractionSide side, int m) =>
            side.Codes.Any(c => medications[m].Code.StartsWith(c, StringComparison.Ordinal)) && side.AcceptsForm(medications[m].Form, medications[m].IsOral);

        var a = Enumerable.Range(0, medications.Count).Where(m => Under(entry.A, m)).ToList();
        var b = Enumerable.Range(0, medications.Count).Where(m => Under(entry.B, m)).ToList();
        if (!a.Any(i => b.Any(j => medications[i].Code != medications[j].Code))) return null;
        return [.. a.Concat(b).Select(m => medications[m].Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// RulesEngine as the library's parser is configured: case-sensitive, only the facts type
    /// reachable. Exceptions become messages so that one failing rule is named, not a whole batch lost.
    /// </summary>
    private static ReSettings EngineSettings() => new()
    {
        UseFastExpressionCompiler = true,
        IsExpressionCaseSensitive = true,
        CustomTypes = [typeof(PatientFacts)],
        AutoRegisterInputType = false,
        EnableExceptionAsErrorMessage = true,
        EnableExceptionAsErrorMessageForRuleExpressionParsing = true,
        EnableFormattedErrorMessage = false,
        EnableScopedParams = false,
        AutoExecuteActions = false,
    };
}
