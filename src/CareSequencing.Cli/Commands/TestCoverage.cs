using System.CommandLine;
using CareSequencing.Authoring;
using CareSequencing.Authoring.Scenarios;

namespace CareSequencing.Cli.Commands;

/// <summary>
/// The coverage part of <c>caresequencing test</c>: <c>--coverage</c> lists the rules no scenario
/// fires and the interaction entries no scenario exercises; <c>--coverage-strict</c> (the default
/// when <c>CI=true</c>) makes an uncovered active rule or entry exit 1.
/// </summary>
internal sealed class TestCoverage
{
    public Option<bool> Coverage { get; } = new("--coverage")
    {
        Description = "After the scenarios, list the rules no scenario fires and the interaction entries no scenario exercises.",
    };

    public Option<bool> Strict { get; } = new("--coverage-strict")
    {
        Description = "Exit 1 when an active rule or interaction entry has no scenario (implies --coverage). Defaults to true when CI=true; --coverage-strict false turns it off.",
        DefaultValueFactory = _ => IsContinuousIntegration(Environment.GetEnvironmentVariable("CI")),
    };

    public static bool IsContinuousIntegration(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Prints coverage when asked; returns 1 when strict and an active rule or entry is uncovered, else 0.</summary>
    public int Report(ParseResult parse, CompiledRuleSet ruleSet, IReadOnlyList<ScenarioResult> results, TextWriter stdout, TextWriter stderr, string language)
    {
        var strict = parse.GetValue(Strict);
        // CI=true alone makes coverage strict but does not turn it on: 'test' without --coverage behaves as it always did.
        var strictGiven = strict && parse.GetResult(Strict) is { Implicit: false };
        if (!parse.GetValue(Coverage) && !strictGiven) return 0;

        var report = ScenarioCoverage.Compute(ruleSet, results);
        // A pack that declares sampled coverage (an imported knowledge base) is counted, not listed, and never fails.
        var sampled = ruleSet.PackModels.Where(p => p.SampledCoverage).Select(p => p.Reference.Id).ToHashSet(StringComparer.Ordinal);
        var listed = report.Uncovered.Where(r => !sampled.Contains(r.PackId)).ToList();
        if (listed.Count > 0)
        {
            stdout.WriteLine(CliText.Get("cli.coverage-uncovered", language));
            foreach (var rule in listed) stdout.WriteLine($"  {rule}  {rule.PackId}  {rule.Location}");
        }
        if (report.Retired.Count > 0)
        {
            stdout.WriteLine(CliText.Get("cli.coverage-retired", language));
            foreach (var rule in report.Retired) stdout.WriteLine($"  {rule}  {rule.PackId}  {rule.Location}");
        }
        stdout.WriteLine(CliText.Get("cli.coverage-summary", language, report.ActiveRules, report.ActiveEntries, report.DraftRules, report.DraftEntries, report.Retired.Count));

        var sampledUncovered = report.Uncovered.Count(r => r.Status == RuleLifecycle.Active && sampled.Contains(r.PackId));
        if (sampledUncovered > 0) stdout.WriteLine(CliText.Get("cli.coverage-sampled", language, sampledUncovered, string.Join(", ", sampled.Order(StringComparer.Ordinal))));
        var count = report.Uncovered.Count(r => r.Status == RuleLifecycle.Active && !sampled.Contains(r.PackId));
        if (!strict || count == 0) return 0;
        stderr.WriteLine(CliText.Get("cli.coverage-strict-failed", language, count));
        return 1;
    }
}
