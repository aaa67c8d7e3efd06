using System.Text.Json;
using System.Text.Json.Serialization;
using RulesEngine.Models;

namespace CareSequencing.Benchmarks.Synthetic;

/// <summary>
/// The RulesEngine equivalent of a synthetic rule set: one workflow, one lambda rule per expression
/// rule with the very same expression text, and one per interaction entry (any medication of side A
/// and any of side B; the sides never overlap, see <see cref="SyntheticInteraction"/>). Draft rules are
/// in the workflow with <c>Enabled = false</c>. The input is a <see cref="SyntheticFacts"/> named
/// <c>facts</c>, so the expressions read exactly as in the packs.
/// </summary>
internal static class RulesEngineWorkflow
{
    public const string Name = "synthetic";

    /// <summary>
    /// <see cref="ReSettings"/> as a careful user sets them (see /work/shared/notes/rulesengine.md):
    /// the fast compiler on and case-sensitive binding, as the library does; only the facts type
    /// reachable; failures thrown rather than turned into "false"; and the features these workflows
    /// do not use (actions, scoped parameters, error-message templates) switched off, so that their
    /// cost is not counted against RulesEngine. Rules compile in parallel, as the library's do.
    /// </summary>
    public static ReSettings Settings() => new()
    {
        UseFastExpressionCompiler = true,
        IsExpressionCaseSensitive = true,
        CustomTypes = [typeof(SyntheticFacts)],
        AutoRegisterInputType = false,
        EnableExceptionAsErrorMessage = false,
        EnableExceptionAsErrorMessageForRuleExpressionParsing = false,
        EnableFormattedErrorMessage = false,
        EnableScopedParams = false,
        AutoExecuteActions = false,
        EnableParallelRuleCompilation = true,
    };

    public static Workflow Build(SyntheticRuleSet set) => new()
    {
        WorkflowName = Name,
        Rules =
        [
            .. set.Rules.Select(r => Rule(r.Id, r.When.Render(), enabled: !r.Draft)),
            .. set.Interactions.Select(i => Rule(i.Id, i.AsCondition().Render(), enabled: true)),
        ],
    };

    /// <summary>The workflow as the JSON file a RulesEngine host would keep it in.</summary>
    public static string ToJson(Workflow workflow) => JsonSerializer.Serialize(workflow, JsonOptions);

    /// <summary>The engine a host builds from that JSON file (it compiles lazily, on the first evaluation).</summary>
    public static RulesEngine.RulesEngine FromJson(string json) => new([json], Settings());

    public static RuleParameter Input(SyntheticFacts facts) => new("facts", facts);

    public static IReadOnlySet<string> Fired(IEnumerable<RuleResultTree> results) =>
        results.Where(r => r.IsSuccess).Select(r => r.Rule.RuleName).ToHashSet(StringComparer.Ordinal);

    private static Rule Rule(string id, string expression, bool enabled) => new()
    {
        RuleName = id,
        Expression = expression,
        RuleExpressionType = RuleExpressionType.LambdaExpression,
        Enabled = enabled,
    };

    private static readonly JsonSerializerOptions JsonOptions = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
}
