using System.Collections.Immutable;
using CareSequencing.Loading;
using CareSequencing.Model;

namespace CareSequencing.Compilation;

/// <summary>
/// Turns validated packs into one <see cref="CompiledRuleSet"/>. A pack whose conditions fail to
/// compile, or whose ids clash with an earlier pack, is left out whole.
/// </summary>
internal static class RulePackCompiler
{
    /// <summary>Compiles conditions only to report their diagnostics (for a pack already rejected).</summary>
    public static void CheckConditions(IEnumerable<RuleDefinition> rules, DiagnosticBag diagnostics)
    {
        foreach (var rule in rules) ConditionCompiler.Compile(rule, diagnostics);
    }

    public static CompiledRuleSet Compile(IReadOnlyList<RulePack> packs, DiagnosticBag diagnostics)
    {
        var accepted = ImmutableArray.CreateBuilder<RulePack>();
        var rules = ImmutableArray.CreateBuilder<CompiledRule>();
        var interactions = ImmutableArray.CreateBuilder<CompiledInteraction>();
        var ruleIds = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var packIds = new Dictionary<string, string>(StringComparer.Ordinal);

        // Conditions compile in parallel: parsing and delegate generation dominate load time.
        var compiled = packs
            .Select(pack => (Pack: pack, Rules: pack.Rules.AsParallel().AsOrdered()
                .Select(rule => (Rule: rule, Local: new DiagnosticBag(), Compiled: (CompiledCondition?)null))
                .Select(x => x with { Compiled = ConditionCompiler.Compile(x.Rule, x.Local) })
                .ToList()))
            .ToList();

        foreach (var (pack, packRules) in compiled)
        {
            var local = new DiagnosticBag();
            foreach (var item in packRules) local.AddRange(item.Local.Items);

            if (packIds.TryGetValue(pack.Reference.Id, out var otherDirectory))
            {
                local.Add(new(DiagnosticCodes.DuplicatePackId, DiagnosticSeverity.Error,
                    new MessageText("diag.pack-id-loaded-twice", pack.Reference.Id),
                    new(RulePackReader.DisplayPath(Path.Combine(pack.Directory, RulePackReader.ManifestFileName)), 1, 1),
                    hint: new MessageText("hint.other-folder", RulePackReader.DisplayPath(otherDirectory))));
            }

            var packRuleIds = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
            foreach (var rule in pack.Rules.Cast<RuleBase>().Concat(pack.Interactions))
            {
                if (ruleIds.TryGetValue(rule.Id, out var first) || packRuleIds.TryGetValue(rule.Id, out first))
                {
                    local.Add(new(DiagnosticCodes.DuplicateRuleId, DiagnosticSeverity.Error,
                        new MessageText("diag.rule-id-used", rule.Id), rule.Location, rule.Id, new MessageText("hint.first-defined-at", first)));
                }
                else
                {
                    packRuleIds[rule.Id] = rule.Location;
                }
            }

            diagnostics.AddRange(local.Items);
            if (local.HasErrors) continue;

            accepted.Add(pack);
            packIds[pack.Reference.Id] = pack.Directory;
            foreach (var (id, location) in packRuleIds) ruleIds[id] = location;
            foreach (var item in packRules) rules.Add(new CompiledRule(item.Rule, pack, item.Compiled!));
            foreach (var entry in pack.Interactions) interactions.Add(new CompiledInteraction(entry, pack));
        }

        return new CompiledRuleSet(accepted.ToImmutable(), rules.ToImmutable(), interactions.ToImmutable());
    }
}
