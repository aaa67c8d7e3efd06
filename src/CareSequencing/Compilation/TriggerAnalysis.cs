using System.Collections.Immutable;
using System.Globalization;
using System.Linq.Expressions;
using CareSequencing.Evaluation;

namespace CareSequencing.Compilation;

/// <summary>The kinds of patient fact a rule can be keyed by.</summary>
internal enum TriggerKind
{
    Condition,
    Medication,
    Therapy,
    Declined,
    Preferred,
    Flag,
    Phase,
    CompletedPhase,
}

/// <summary>A patient fact (kind and key) without which a rule cannot fire.</summary>
internal readonly record struct Trigger(TriggerKind Kind, string Key);

/// <summary>
/// Finds, in a condition's expression tree, a set of facts at least one of which the patient must
/// have for the condition to be true: <c>a &amp;&amp; b</c> needs the triggers of either side,
/// <c>a || b</c> those of both, and a helper such as <c>HasMedication("N06AB")</c> needs its code.
/// The evaluator then runs a rule only when the patient has one of its triggers, so rules whose
/// facts are absent cost nothing. When no such set exists (a negation, an age test), the rule runs
/// for every patient. The analysis is sound by construction: it only ever claims what a helper's
/// definition guarantees.
/// </summary>
internal static class TriggerAnalysis
{
    private const int MaxTriggers = 256;

    /// <summary>The triggers of a condition, or <see langword="null"/> when it must always run.</summary>
    public static ImmutableArray<Trigger>? Of(Expression body, ParameterExpression facts)
    {
        var triggers = Visit(body, facts);
        return triggers is null ? null : [.. triggers.Distinct()];
    }

    private static List<Trigger>? Visit(Expression node, ParameterExpression facts)
    {
        switch (node)
        {
            case UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.Quote } unary:
                return Visit(unary.Operand, facts);
            case ConstantExpression { Value: false }:
                return []; // never true: no patient can trigger it
            case BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.And } conjunction when conjunction.Type == typeof(bool):
                {
                    var left = Visit(conjunction.Left, facts);
                    var right = Visit(conjunction.Right, facts);
                    if (left is null) return right;
                    if (right is null) return left;
                    // Either side suffices. Prefer facts other than the phase: nearly every patient
                    // has a phase, and a rule keyed by its phase alone cannot be skipped when the
                    // phase is unknown. Then keep the more selective side.
                    var leftPhase = left.TrueForAll(IsPhase);
                    var rightPhase = right.TrueForAll(IsPhase);
                    if (leftPhase != rightPhase) return leftPhase ? right : left;
                    return left.Count <= right.Count ? left : right;
                }
            case BinaryExpression { NodeType: ExpressionType.OrElse or ExpressionType.Or } disjunction when disjunction.Type == typeof(bool):
                {
                    var left = Visit(disjunction.Left, facts);
                    var right = Visit(disjunction.Right, facts);
                    if (left is null || right is null || left.Count + right.Count > MaxTriggers) return null;
                    return [.. left, .. right];
                }
            case BinaryExpression comparison:
                return Comparison(comparison, facts);
            case MethodCallExpression call when call.Object == facts:
                return Helper(call);
            default:
                return null;
        }
    }

    private static List<Trigger>? Helper(MethodCallExpression call)
    {
        if (call.Arguments.Count == 0 || Constant(call.Arguments[0]) is not string key) return null;
        return call.Method.Name switch
        {
            nameof(PatientFacts.HasCondition) => [new(TriggerKind.Condition, key)],
            nameof(PatientFacts.HasConditionInRange) when call.Arguments.Count == 2 && Constant(call.Arguments[1]) is string to => CategoryRange(key, to),
            nameof(PatientFacts.HasMedication) or nameof(PatientFacts.MedicationStartedWithin) or nameof(PatientFacts.OralMedicationStartedWithin)
                => [new(TriggerKind.Medication, key)],
            nameof(PatientFacts.HasTherapy) or nameof(PatientFacts.HasActiveTherapy) or nameof(PatientFacts.HasPlannedTherapy)
                or nameof(PatientFacts.HasCompletedTherapy) => [new(TriggerKind.Therapy, key)],
            nameof(PatientFacts.Declined) => [new(TriggerKind.Declined, key)],
            nameof(PatientFacts.Prefers) => [new(TriggerKind.Preferred, key)],
            nameof(PatientFacts.HasFlag) => [new(TriggerKind.Flag, key)],
            nameof(PatientFacts.IsInPhase) => [new(TriggerKind.Phase, key)],
            nameof(PatientFacts.PhaseCompleted) => [new(TriggerKind.CompletedPhase, key)],
            _ => null,
        };
    }

    /// <summary>
    /// <c>facts.CurrentPhase == "x"</c>, and counts of medications compared so that at least one is
    /// needed (<c>Count(a) + Count(b) &gt;= 2</c>): the sum can only be positive when one of the classes is present.
    /// </summary>
    private static List<Trigger>? Comparison(BinaryExpression node, ParameterExpression facts)
    {
        var (left, right, type) = (Strip(node.Left), Strip(node.Right), node.NodeType);
        if (Constant(left) is not null && Constant(right) is null)
        {
            (left, right) = (right, left);
            type = type switch
            {
                ExpressionType.LessThan => ExpressionType.GreaterThan,
                ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
                ExpressionType.GreaterThan => ExpressionType.LessThan,
                ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
                _ => type,
            };
        }
        var constant = Constant(right);
        if (type == ExpressionType.Equal && constant is string phase
            && left is MemberExpression { Member.Name: nameof(PatientFacts.CurrentPhase) } member && member.Expression == facts)
        {
            return [new(TriggerKind.Phase, phase)];
        }
        if (constant is not int bound) return null;
        var needsOne = type switch
        {
            ExpressionType.GreaterThanOrEqual => bound >= 1,
            ExpressionType.GreaterThan => bound >= 0,
            ExpressionType.Equal => bound >= 1,
            _ => false,
        };
        if (!needsOne) return null;
        var classes = new List<Trigger>();
        return CollectCounts(left, facts, classes) ? classes : null;
    }

    private static bool CollectCounts(Expression node, ParameterExpression facts, List<Trigger> into)
    {
        node = Strip(node);
        if (node is BinaryExpression { NodeType: ExpressionType.Add } add)
            return CollectCounts(add.Left, facts, into) && CollectCounts(add.Right, facts, into);
        if (node is MethodCallExpression { Method.Name: nameof(PatientFacts.CountMedications) } call && call.Object == facts
            && Constant(call.Arguments[0]) is string atc)
        {
            into.Add(new(TriggerKind.Medication, atc));
            return true;
        }
        return false;
    }

    /// <summary>Every three-character category from <paramref name="from"/> to <paramref name="to"/> (letter and two digits).</summary>
    private static List<Trigger>? CategoryRange(string from, string to)
    {
        if (from.Length != 3 || to.Length != 3 || string.CompareOrdinal(from, to) > 0) return [];
        var triggers = new List<Trigger>();
        for (var letter = from[0]; letter <= to[0]; letter++)
        {
            var first = letter == from[0] ? int.Parse(from.AsSpan(1), CultureInfo.InvariantCulture) : 0;
            var last = letter == to[0] ? int.Parse(to.AsSpan(1), CultureInfo.InvariantCulture) : 99;
            for (var number = first; number <= last; number++)
            {
                if (triggers.Count == MaxTriggers) return null;
                triggers.Add(new(TriggerKind.Condition, string.Create(CultureInfo.InvariantCulture, $"{letter}{number:00}")));
            }
        }
        return triggers;
    }

    private static bool IsPhase(Trigger trigger) => trigger.Kind is TriggerKind.Phase or TriggerKind.CompletedPhase;

    private static Expression Strip(Expression node) =>
        node is UnaryExpression { NodeType: ExpressionType.Convert } convert ? Strip(convert.Operand) : node;

    private static object? Constant(Expression node) => Strip(node) is ConstantExpression constant ? constant.Value : null;
}
