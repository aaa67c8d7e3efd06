using System.Globalization;
using System.Text.RegularExpressions;
using CareSequencing.Authoring.Scenarios;
using CareSequencing.Compilation;
using CareSequencing.Loading;
using CareSequencing.Model;

namespace CareSequencing.Authoring.Validation;

/// <summary>What the linter checks against, beyond what loading already checks.</summary>
public sealed class PackLintOptions
{
    /// <summary>The ATC codes that exist (e.g. the WHO index or the project's checked excerpt); <see langword="null"/> skips the check.</summary>
    public CodeReference? AtcReference { get; init; }
}

/// <summary>
/// Checks that need the whole rule set, the scenarios or an outside reference: codes unknown to the
/// reference index, duplicate rules, overlapping interaction entries, alert actions no rule proposes,
/// scenarios naming rules that do not exist or are retired. Runs on packs that loaded; loading has
/// already reported everything a single file shows.
/// </summary>
public static class PackLinter
{
    /// <summary>Lints every pack of <paramref name="ruleSet"/>; diagnostics come sorted by file, line and column.</summary>
    public static IReadOnlyList<RulePackDiagnostic> Lint(CompiledRuleSet ruleSet, PackLintOptions options)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(options);
        var diagnostics = new List<RulePackDiagnostic>();
        foreach (var pack in ruleSet.PackModels)
        {
            if (options.AtcReference is { } atc) CheckCodes(pack, atc, diagnostics);
        }
        CheckDuplicateRules(ruleSet, diagnostics);
        CheckOverlappingInteractions(ruleSet, diagnostics);
        CheckAlertActions(ruleSet, diagnostics);
        return Sorted(diagnostics);
    }

    /// <summary>Checks what scenarios name in <c>expect</c> against the rule set they run on.</summary>
    public static IReadOnlyList<RulePackDiagnostic> LintScenarios(CompiledRuleSet ruleSet, IEnumerable<Scenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(scenarios);
        var rules = new Dictionary<string, RuleStatus>(StringComparer.Ordinal);
        foreach (var rule in ruleSet.Rules) rules[rule.Definition.Id] = rule.Definition.Status;
        foreach (var entry in ruleSet.Interactions) rules[entry.Entry.Id] = entry.Entry.Status;
        var actions = ruleSet.Rules.Where(r => r.Definition.Proposal is not null).Select(r => r.Definition.Proposal!.Action).ToHashSet(StringComparer.Ordinal);
        var diagnostics = new List<RulePackDiagnostic>();
        foreach (var mention in scenarios.SelectMany(s => s.Expect.Mentions))
        {
            if (mention.IsAction)
            {
                if (!actions.Contains(mention.Value))
                    diagnostics.Add(new(DiagnosticCodes.UnknownRuleReference, DiagnosticSeverity.Error,
                        new MessageText("lint.unknown-action-reference", mention.Value), Display(mention.Location), null,
                        Closest(mention.Value, actions) is { } near ? new MessageText("hint.did-you-mean", near) : null));
            }
            else if (!rules.TryGetValue(mention.Value, out var status))
            {
                diagnostics.Add(new(DiagnosticCodes.UnknownRuleReference, DiagnosticSeverity.Error,
                    new MessageText("lint.unknown-rule-reference", mention.Value), Display(mention.Location), null,
                    Closest(mention.Value, rules.Keys) is { } near ? new MessageText("hint.did-you-mean", near) : null));
            }
            else if (status == RuleStatus.Retired)
            {
                diagnostics.Add(new(DiagnosticCodes.RetiredRuleReference, DiagnosticSeverity.Warning,
                    new MessageText("lint.retired-reference", mention.Value), Display(mention.Location), mention.Value,
                    new MessageText("hint.retired-reference")));
            }
        }
        return Sorted(diagnostics);
    }

    /// <summary>Discovers the scenarios under each folder and lints them: unreadable files (CSQ1026) and expectations naming unknown or retired rules.</summary>
    public static IReadOnlyList<RulePackDiagnostic> LintScenarioFolders(CompiledRuleSet ruleSet, IEnumerable<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var diagnostics = new List<RulePackDiagnostic>();
        var scenarios = new List<Scenario>();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            try
            {
                scenarios.AddRange(ScenarioRunner.Discover(folder));
            }
            catch (ScenarioFormatException ex)
            {
                diagnostics.Add(new(DiagnosticCodes.ScenarioFormat, DiagnosticSeverity.Error, ex.Text,
                    new(RulePackReader.DisplayPath(ex.Path), ex.Line, ex.Column), null, ScenarioHint));
            }
            catch (FormatException ex)
            {
                var match = Regex.Match(ex.Message, @"^(?<file>.*)\((?<line>\d+),(?<col>\d+)\): (?<message>.*)$",
                    RegexOptions.Singleline | RegexOptions.CultureInvariant);
                diagnostics.Add(match.Success
                    ? new(DiagnosticCodes.ScenarioFormat, DiagnosticSeverity.Error, new MessageText("diag.verbatim", match.Groups["message"].Value),
                        new(RulePackReader.DisplayPath(match.Groups["file"].Value), int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["col"].Value, CultureInfo.InvariantCulture)), null, ScenarioHint)
                    : new(DiagnosticCodes.ScenarioFormat, DiagnosticSeverity.Error, new MessageText("diag.verbatim", ex.Message), new(RulePackReader.DisplayPath(folder), 1, 1), null, ScenarioHint));
            }
        }
        diagnostics.AddRange(PackLinter.LintScenarios(ruleSet, scenarios));
        return Sorted(diagnostics);
    }

    private static readonly MessageText ScenarioHint = new("hint.scenario-format");

    private static SourceLocation Display(SourceLocation location) => location with { File = RulePackReader.DisplayPath(location.File) };

    private static RulePackDiagnostic[] Sorted(List<RulePackDiagnostic> diagnostics) =>
        [.. diagnostics
            .OrderBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ThenBy(d => d.Code, StringComparer.Ordinal)];

    /// <summary>
    /// Same condition (ignoring white space) and same outcome in two packs: one of the two is redundant. Inside
    /// one pack the loader already refuses it (an error); across packs each pack is sound on its own, so a warning.
    /// </summary>
    private static void CheckDuplicateRules(CompiledRuleSet ruleSet, List<RulePackDiagnostic> diagnostics)
    {
        var seen = new Dictionary<string, RuleDefinition>(StringComparer.Ordinal);
        foreach (var rule in ruleSet.Rules.Select(r => r.Definition).OrderBy(r => r.Location.File, StringComparer.Ordinal).ThenBy(r => r.Location.Line))
        {
            if (rule.Status == RuleStatus.Retired) continue;
            var key = PackChecks.DuplicateKey(rule);
            if (seen.TryGetValue(key, out var first))
                diagnostics.Add(new(DiagnosticCodes.DuplicateRule, DiagnosticSeverity.Warning,
                    new MessageText("lint.duplicate-rule", rule.Id, first.Id, first.Location), rule.Location, rule.Id,
                    new MessageText("hint.duplicate-rule")));
            else seen[key] = rule;
        }
    }

    /// <summary>
    /// Two entries of one hand-written pack whose sides can match the same pair of medications: the
    /// evaluator merges them into one alert at the higher severity, but the author should know which
    /// entry covers the pair. Across packs (a national table beside local entries), and inside an
    /// imported pack (one entry per source row, by design), the merge is the intended behaviour and
    /// nothing is reported. Codes overlap when one is the other or a class above it (ATC is prefix-ordered).
    /// </summary>
    private static void CheckOverlappingInteractions(CompiledRuleSet ruleSet, List<RulePackDiagnostic> diagnostics)
    {
        // Active entries only: a draft is work in progress, and retired entries never run.
        var active = ruleSet.Interactions.Where(i => i.Entry.Status == RuleStatus.Active && !i.Pack.SampledCoverage)
            .OrderBy(i => i.Entry.Location.File, StringComparer.Ordinal).ThenBy(i => i.Entry.Location.Line).ToArray();
        var entries = active.Select(i => i.Entry).ToArray();
        for (var j = 1; j < entries.Length; j++)
        {
            for (var i = 0; i < j; i++)
            {
                if (!ReferenceEquals(active[i].Pack, active[j].Pack)) continue;
                var pair = SharedPair(entries[i].A, entries[i].B, entries[j].A, entries[j].B)
                    ?? SharedPair(entries[i].A, entries[i].B, entries[j].B, entries[j].A);
                if (pair is null) continue;
                diagnostics.Add(new(DiagnosticCodes.OverlappingInteractions, DiagnosticSeverity.Warning,
                    new MessageText("lint.overlapping-interactions", entries[j].Id, entries[i].Id, entries[i].Location, pair.Value.A, pair.Value.B),
                    entries[j].Location, entries[j].Id,
                    new MessageText("hint.overlapping-interactions")));
                break;
            }
        }
    }

    private static (string A, string B)? SharedPair(InteractionSide a1, InteractionSide b1, InteractionSide a2, InteractionSide b2)
    {
        if (!FormsOverlap(a1, a2) || !FormsOverlap(b1, b2)) return null;
        var a = SharedCode(a1.Codes, a2.Codes);
        var b = a is null ? null : SharedCode(b1.Codes, b2.Codes);
        return a is null || b is null ? null : (a, b);
    }

    private static string? SharedCode(IEnumerable<string> left, IEnumerable<string> right)
    {
        foreach (var l in left)
        {
            foreach (var r in right)
            {
                if (r.StartsWith(l, StringComparison.Ordinal)) return r;
                if (l.StartsWith(r, StringComparison.Ordinal)) return l;
            }
        }
        return null;
    }

    private static bool FormsOverlap(InteractionSide x, InteractionSide y) =>
        x.Forms.IsEmpty || y.Forms.IsEmpty || x.Forms.Intersect(y.Forms, StringComparer.Ordinal).Any()
        || x.Forms.Contains("oral") || y.Forms.Contains("oral");

    /// <summary>An alert that names an action no rule proposes can never hold a proposal back.</summary>
    private static void CheckAlertActions(CompiledRuleSet ruleSet, List<RulePackDiagnostic> diagnostics)
    {
        var actions = ruleSet.Rules.Where(r => r.Definition.Proposal is not null).Select(r => r.Definition.Proposal!.Action).ToArray();
        foreach (var rule in ruleSet.Rules.Select(r => r.Definition))
        {
            if (rule.Alert is null) continue;
            foreach (var pattern in rule.Alert.Actions)
            {
                if (actions.Any(a => a == pattern || (a.Length > pattern.Length && a[pattern.Length] == ':' && a.StartsWith(pattern, StringComparison.Ordinal))))
                    continue;
                diagnostics.Add(new(DiagnosticCodes.UnknownAction, DiagnosticSeverity.Warning,
                    new MessageText("lint.unknown-action", rule.Id, pattern), rule.Location, rule.Id,
                    Closest(pattern, actions.SelectMany(ActionPrefixes)) is { } near ? new MessageText("hint.did-you-mean", near) : new MessageText("hint.check-action-spelling")));
            }
        }
    }

    /// <summary><c>a:b:c</c> → <c>a</c>, <c>a:b</c>, <c>a:b:c</c>: an alert may name any of them.</summary>
    private static IEnumerable<string> ActionPrefixes(string action)
    {
        for (var i = action.IndexOf(':', StringComparison.Ordinal); i > 0; i = action.IndexOf(':', i + 1)) yield return action[..i];
        yield return action;
    }

    private static string? Closest(string value, IEnumerable<string> candidates) => Spelling.Closest(value, candidates, divisor: 4);

    private static void CheckCodes(RulePack pack, CodeReference atc, List<RulePackDiagnostic> diagnostics)
    {
        foreach (var usage in pack.Codes)
        {
            // An ambiguous three-character code the ATC list does not know is read as an ICD-10 category.
            if (usage.System != CodeSystem.Atc || atc.Contains(usage.Code)) continue;
            diagnostics.Add(new(DiagnosticCodes.UnknownCode, DiagnosticSeverity.Error,
                new MessageText("lint.unknown-atc", usage.Code, atc.Name),
                usage.Location, usage.RuleId,
                new MessageText("hint.unknown-atc")));
        }
    }
}
