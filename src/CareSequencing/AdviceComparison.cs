namespace CareSequencing;

/// <summary>
/// What differs between two advices for the same patient, e.g. the current packs against a candidate
/// version: proposals and alerts added, removed, or changed (rank, status, score; severity). Proposals
/// match on rule id and action, alerts on rule id and the patient's codes. Immutable.
/// </summary>
public sealed class AdviceComparison
{
    private AdviceComparison(
        IReadOnlyList<Proposal> addedProposals,
        IReadOnlyList<Proposal> removedProposals,
        IReadOnlyList<ProposalChange> changedProposals,
        IReadOnlyList<Alert> addedAlerts,
        IReadOnlyList<Alert> removedAlerts,
        IReadOnlyList<AlertChange> changedAlerts)
    {
        AddedProposals = addedProposals;
        RemovedProposals = removedProposals;
        ChangedProposals = changedProposals;
        AddedAlerts = addedAlerts;
        RemovedAlerts = removedAlerts;
        ChangedAlerts = changedAlerts;
    }

    /// <summary>Proposals of the candidate that the current advice does not have, in the candidate's rank order.</summary>
    public IReadOnlyList<Proposal> AddedProposals { get; }

    /// <summary>Proposals of the current advice that the candidate does not have, in the current rank order.</summary>
    public IReadOnlyList<Proposal> RemovedProposals { get; }

    /// <summary>Proposals in both whose rank, status or score differs, in the candidate's rank order.</summary>
    public IReadOnlyList<ProposalChange> ChangedProposals { get; }

    /// <summary>Alerts of the candidate that the current advice does not have.</summary>
    public IReadOnlyList<Alert> AddedAlerts { get; }

    /// <summary>Alerts of the current advice that the candidate does not have.</summary>
    public IReadOnlyList<Alert> RemovedAlerts { get; }

    /// <summary>Alerts in both whose severity differs.</summary>
    public IReadOnlyList<AlertChange> ChangedAlerts { get; }

    /// <summary>True when anything differs.</summary>
    public bool HasDifferences =>
        AddedProposals.Count + RemovedProposals.Count + ChangedProposals.Count + AddedAlerts.Count + RemovedAlerts.Count + ChangedAlerts.Count > 0;

    /// <summary>Compares two advices for the same patient.</summary>
    /// <param name="current">The advice of the rules in use.</param>
    /// <param name="candidate">The advice of the rules to compare.</param>
    /// <returns>The differences.</returns>
    public static AdviceComparison Compare(Advice current, Advice candidate)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(candidate);

        var currentProposals = ByKey(current.Proposals, ProposalKey);
        var candidateProposals = ByKey(candidate.Proposals, ProposalKey);
        var currentAlerts = ByKey(current.Alerts, AlertKey);
        var candidateAlerts = ByKey(candidate.Alerts, AlertKey);

        return new AdviceComparison(
            [.. candidate.Proposals.Where(p => !currentProposals.ContainsKey(ProposalKey(p)))],
            [.. current.Proposals.Where(p => !candidateProposals.ContainsKey(ProposalKey(p)))],
            [.. candidate.Proposals
                .Where(p => currentProposals.TryGetValue(ProposalKey(p), out var before)
                    && (before.Rank != p.Rank || before.Status != p.Status || before.Score != p.Score))
                .Select(p => new ProposalChange(currentProposals[ProposalKey(p)], p))],
            [.. candidate.Alerts.Where(a => !currentAlerts.ContainsKey(AlertKey(a)))],
            [.. current.Alerts.Where(a => !candidateAlerts.ContainsKey(AlertKey(a)))],
            [.. candidate.Alerts
                .Where(a => currentAlerts.TryGetValue(AlertKey(a), out var before) && before.Severity != a.Severity)
                .Select(a => new AlertChange(currentAlerts[AlertKey(a)], a))]);
    }

    private static string ProposalKey(Proposal proposal) => proposal.RuleId + "\n" + proposal.Action;

    private static string AlertKey(Alert alert) => alert.RuleId + "\n" + string.Join(",", alert.Codes);

    // First occurrence wins: keys are unique in an advice, and a duplicate must not throw in a comparison tool.
    private static Dictionary<string, T> ByKey<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items) map.TryAdd(key(item), item);
        return map;
    }
}

/// <summary>One proposal in both advices that changed. Immutable.</summary>
public sealed class ProposalChange
{
    internal ProposalChange(Proposal current, Proposal candidate)
    {
        Current = current;
        Candidate = candidate;
    }

    /// <summary>The proposal in the current advice.</summary>
    public Proposal Current { get; }

    /// <summary>The proposal in the candidate advice.</summary>
    public Proposal Candidate { get; }

    /// <summary>Rank change: positive when the candidate ranks it higher (a smaller rank number).</summary>
    public int RankShift => Current.Rank - Candidate.Rank;
}

/// <summary>One alert in both advices whose severity changed. Immutable.</summary>
public sealed class AlertChange
{
    internal AlertChange(Alert current, Alert candidate)
    {
        Current = current;
        Candidate = candidate;
    }

    /// <summary>The alert in the current advice.</summary>
    public Alert Current { get; }

    /// <summary>The alert in the candidate advice.</summary>
    public Alert Candidate { get; }
}
