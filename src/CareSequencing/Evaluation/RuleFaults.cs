namespace CareSequencing.Evaluation;

/// <summary>
/// The faults of one evaluation: each rule or interaction entry whose condition (or alert) threw.
/// By default a fault skips that rule and the evaluation goes on; with
/// <see cref="EvaluationSettings.ThrowOnRuleFault"/> it throws <see cref="RuleEvaluationException"/>.
/// </summary>
internal sealed class RuleFaults
{
    private List<RuleFault>? _faults;

    /// <summary>
    /// Every exception is one rule's fault except out-of-memory, which says the process is in trouble,
    /// not the rule. (A stack overflow cannot be caught; the expression limits keep conditions shallow.)
    /// </summary>
    public static bool IsIsolated(Exception error) => error is not (OutOfMemoryException or RuleEvaluationException);

    public void Add(string ruleId, PackReference pack, Exception error, EvaluationSettings settings)
    {
        var kind = RuleFault.KindOf(error);
        if (settings.ThrowOnRuleFault) throw new RuleEvaluationException(ruleId, pack, kind, error);
        (_faults ??= []).Add(new RuleFault(ruleId, pack, kind));
    }

    /// <summary>The faults in <see cref="RuleFault.Order"/>, one per rule and kind.</summary>
    public IReadOnlyList<RuleFault> Sorted()
    {
        if (_faults is null) return [];
        _faults.Sort(RuleFault.Order);
        var distinct = new List<RuleFault>(_faults.Count);
        foreach (var fault in _faults)
        {
            if (distinct.Count > 0 && RuleFault.Order(distinct[^1], fault) == 0) continue;
            distinct.Add(fault);
        }
        return distinct;
    }
}
