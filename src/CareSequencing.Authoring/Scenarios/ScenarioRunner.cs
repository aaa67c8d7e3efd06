using System.Text.RegularExpressions;
using CareSequencing.Model;
using CareSequencing.Presentation;

namespace CareSequencing.Authoring.Scenarios;

/// <summary>What to do with snapshots.</summary>
public enum SnapshotMode
{
    /// <summary>Compare with <c>*.verified.json</c>; on a difference write <c>*.received.json</c> and fail.</summary>
    Verify,
    /// <summary>Write the current advice as <c>*.verified.json</c> (the author approves it).</summary>
    Approve,
}

/// <summary>The outcome of one scenario.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Passed">True when expectations and snapshot agree.</param>
/// <param name="Failures">What went wrong, readable (including a line diff), in English.</param>
/// <param name="Advice">The advice it produced.</param>
public sealed record ScenarioResult(Scenario Scenario, bool Passed, IReadOnlyList<string> Failures, Advice? Advice)
{
    internal IReadOnlyList<MessageText>? FailureTexts { get; init; }

    /// <summary>The failures in <paramref name="language"/> (<c>en</c>, <c>fr</c>; English for any other).</summary>
    /// <param name="language">A language code, e.g. <c>fr</c>.</param>
    /// <returns>The failures; <see cref="Failures"/> when the result was not made by the runner.</returns>
    public IReadOnlyList<string> GetFailures(string language) => FailureTexts is { } texts ? [.. texts.Select(t => t.Render(language))] : Failures;
}

/// <summary>
/// Runs scenario files and compares their advice with approved snapshots, following Verify's
/// convention: <c>NAME.verified.json</c> is approved, <c>NAME.received.json</c> is written on a
/// difference, a missing snapshot fails, and only an explicit approval writes the verified file.
/// </summary>
public static partial class ScenarioRunner
{
    /// <summary>Folder name of scenarios inside a pack.</summary>
    public const string ScenariosFolder = "scenarios";

    [GeneratedRegex("\"sha256\": \"[0-9a-f]{64}\"", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256();

    /// <summary>Every scenario under <paramref name="root"/> (<c>*/scenarios/*.yaml</c>), in ordinal name order.</summary>
    /// <param name="root">A pack folder or a folder of packs.</param>
    /// <returns>The scenarios.</returns>
    public static IReadOnlyList<Scenario> Discover(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return [.. DiscoverFiles(root).Select(s => Scenario.Read(s.File, s.Name))];
    }

    /// <summary>Scenario files and their names, in ordinal name order, without reading them.</summary>
    internal static IReadOnlyList<(string File, string Name)> DiscoverFiles(string root)
    {
        var full = Path.GetFullPath(root);
        return [.. Directory.EnumerateFiles(full, "*.yaml", SearchOption.AllDirectories)
            .Where(f => string.Equals(Path.GetFileName(Path.GetDirectoryName(f)), ScenariosFolder, StringComparison.Ordinal))
            .Select(f => (File: f, Name: NameOf(full, f)))
            .OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    /// <summary>Evaluates a scenario's patient with its clock, language and draft setting; reads and writes no snapshot.</summary>
    /// <param name="ruleSet">The rules to evaluate against.</param>
    /// <param name="scenario">The scenario.</param>
    /// <returns>The advice.</returns>
    public static Advice Evaluate(CompiledRuleSet ruleSet, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(scenario);
        return new CareEvaluator(ruleSet, new FixedTimeProvider(scenario.EvaluatedAt)).Evaluate(scenario.Patient, new EvaluationSettings
        {
            Language = scenario.Language,
            IncludeDraftRules = scenario.IncludeDraftRules,
        });
    }

    /// <summary>Runs one scenario.</summary>
    /// <param name="ruleSet">The rules to evaluate against.</param>
    /// <param name="scenario">The scenario.</param>
    /// <param name="mode">Verify or approve.</param>
    /// <returns>The result.</returns>
    public static ScenarioResult Run(CompiledRuleSet ruleSet, Scenario scenario, SnapshotMode mode = SnapshotMode.Verify)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(scenario);
        var advice = Evaluate(ruleSet, scenario);

        var failures = CheckExpectations(scenario.Expect, advice);
        var received = Snapshot(advice);
        if (mode == SnapshotMode.Approve)
        {
            File.WriteAllText(scenario.VerifiedPath, received);
            if (File.Exists(scenario.ReceivedPath)) File.Delete(scenario.ReceivedPath);
        }
        else if (!File.Exists(scenario.VerifiedPath))
        {
            File.WriteAllText(scenario.ReceivedPath, received);
            failures.Add(new("scenario.no-snapshot", Path.GetFileName(scenario.VerifiedPath), Path.GetFileName(scenario.ReceivedPath)));
        }
        else
        {
            var verified = File.ReadAllText(scenario.VerifiedPath).ReplaceLineEndings("\n");
            if (string.Equals(verified, received, StringComparison.Ordinal))
            {
                if (File.Exists(scenario.ReceivedPath)) File.Delete(scenario.ReceivedPath);
            }
            else
            {
                File.WriteAllText(scenario.ReceivedPath, received);
                failures.Add(new("scenario.advice-differs", Path.GetFileName(scenario.VerifiedPath), Path.GetFileName(scenario.ReceivedPath),
                    LineDiff.Unified(verified, received)));
            }
        }
        return new ScenarioResult(scenario, failures.Count == 0, [.. failures.Select(f => f.ToString())], advice) { FailureTexts = failures };
    }

    /// <summary>The snapshot text: the advice JSON with pack hashes scrubbed, so editing one rule does not churn every snapshot.</summary>
    /// <param name="advice">The advice.</param>
    /// <returns>The snapshot text.</returns>
    public static string Snapshot(Advice advice) => Sha256().Replace(AdviceJsonWriter.Write(advice), "\"sha256\": \"{scrubbed}\"") + "\n";

    private static List<MessageText> CheckExpectations(ScenarioExpectations expect, Advice advice)
    {
        var failures = new List<MessageText>();
        foreach (var action in expect.Proposals)
        {
            if (!advice.Proposals.Any(p => p.Status == ProposalStatus.Proposed && string.Equals(p.Action, action, StringComparison.Ordinal)))
                failures.Add(new("scenario.expected-proposal", action));
        }
        foreach (var rule in expect.Alerts)
        {
            // An entry merged into another's alert (same medications) still raised it.
            if (!advice.Alerts.Any(a => Names(a, rule)))
                failures.Add(new("scenario.expected-alert", rule));
        }
        foreach (var rule in expect.Absent)
        {
            if (advice.Alerts.Any(a => Names(a, rule))
                || advice.Proposals.Any(p => string.Equals(p.RuleId, rule, StringComparison.Ordinal)))
                failures.Add(new("scenario.expected-absent", rule));
        }
        return failures;
    }

    private static bool Names(Alert alert, string rule) =>
        string.Equals(alert.RuleId, rule, StringComparison.Ordinal)
        || alert.Merged.Any(m => string.Equals(m.RuleId, rule, StringComparison.Ordinal));

    private static string NameOf(string root, string file)
    {
        var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
        relative = relative.Replace("/" + ScenariosFolder + "/", "/", StringComparison.Ordinal);
        if (relative.StartsWith(ScenariosFolder + "/", StringComparison.Ordinal)) relative = relative[(ScenariosFolder.Length + 1)..];
        return relative[..^".yaml".Length];
    }
}

/// <summary>A clock that always reads the same instant: scenarios never depend on today.</summary>
/// <param name="now">The instant.</param>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => now;
}
