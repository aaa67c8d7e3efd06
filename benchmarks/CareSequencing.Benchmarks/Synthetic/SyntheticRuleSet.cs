using System.Security.Cryptography;
using System.Text;

namespace CareSequencing.Benchmarks.Synthetic;

/// <summary>What the generator intends a rule to do for the benchmark patient.</summary>
internal enum Role
{
    /// <summary>Every trigger is the patient's: the rule fires.</summary>
    Fire,
    /// <summary>The first trigger is the patient's, the rest of the condition is false.</summary>
    NearMiss,
    /// <summary>No trigger is the patient's (most rules, as in real packs).</summary>
    Absent,
}

/// <summary>A proposal or an alert, as the YAML writes it.</summary>
internal abstract record Outcome;

internal sealed record ProposalOutcome(string Action, int Priority, string? Therapy, IReadOnlyList<string> Phases, string Text) : Outcome;

internal sealed record AlertOutcome(string Severity, IReadOnlyList<string> Codes, string Text, string Management) : Outcome;

/// <summary>An expression rule.</summary>
/// <param name="Family">The YAML family: sequencing, compatibility, double-diagnosis or interaction.</param>
internal sealed record SyntheticRule(string Id, string Family, bool Draft, Condition When, Outcome Outcome, Role Role);

/// <summary>
/// An interaction table entry. Its sides never overlap (no code of one side is a class of, or
/// under, a code of the other), so one medication cannot match both sides, and "a medication
/// under A and another under B" is exactly <c>HasMedication(any A) &amp;&amp; HasMedication(any B)</c>:
/// the expression the RulesEngine workflow and the hand-written code use.
/// </summary>
internal sealed record SyntheticInteraction(string Id, IReadOnlyList<string> A, IReadOnlyList<string> B, string Severity, Role Role)
{
    public Condition AsCondition() => new All(
    [
        new AnyOf([.. A.Select(c => new Call(nameof(SyntheticFacts.HasMedication), c))]),
        new AnyOf([.. B.Select(c => new Call(nameof(SyntheticFacts.HasMedication), c))]),
    ]);
}

/// <summary>A generated rule set and the patient it was tuned for.</summary>
internal sealed class SyntheticRuleSet
{
    public SyntheticRuleSet(int ruleCount, IReadOnlyList<SyntheticRule> rules, IReadOnlyList<SyntheticInteraction> interactions, PatientContext patient)
    {
        RuleCount = ruleCount;
        Rules = rules;
        Interactions = interactions;
        Patient = patient;
        Fingerprint = ComputeFingerprint();
    }

    /// <summary>Expression rules plus interaction entries, as <see cref="CompiledRuleSet.RuleCount"/> counts them.</summary>
    public int RuleCount { get; }

    public IReadOnlyList<SyntheticRule> Rules { get; }

    public IReadOnlyList<SyntheticInteraction> Interactions { get; }

    /// <summary>The patient the roles were drawn for.</summary>
    public PatientContext Patient { get; }

    /// <summary>SHA-256 of every id, status and condition: the hand-written code carries it to prove it is current.</summary>
    public string Fingerprint { get; }

    /// <summary>The ids meant to fire for <see cref="Patient"/>.</summary>
    public IReadOnlySet<string> PlannedFired =>
        Rules.Where(r => r.Role == Role.Fire).Select(r => r.Id).Concat(Interactions.Where(i => i.Role == Role.Fire).Select(i => i.Id))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Which active rules and entries fire for a patient, by direct evaluation of the condition trees.</summary>
    public IReadOnlySet<string> ExpectedFired(PatientContext patient)
    {
        var facts = SyntheticFacts.From(patient, SyntheticPatients.AsOf);
        return Rules.Where(r => !r.Draft && r.When.Evaluate(facts)).Select(r => r.Id)
            .Concat(Interactions.Where(i => i.AsCondition().Evaluate(facts)).Select(i => i.Id))
            .ToHashSet(StringComparer.Ordinal);
    }

    private string ComputeFingerprint()
    {
        var text = new StringBuilder();
        foreach (var rule in Rules) text.Append(rule.Id).Append('|').Append(rule.Draft ? "draft" : "active").Append('|').Append(rule.When.Render()).Append('\n');
        foreach (var entry in Interactions) text.Append(entry.Id).Append('|').AppendJoin(',', entry.A).Append('|').AppendJoin(',', entry.B).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

/// <summary>
/// How many rules of each kind, in proportion. <see cref="Shipped"/> is the mix of the packs in
/// rules/ (commit 256b170): 8 sequencing rules (one draft), 3 compatibility, 4 double-diagnosis and
/// 3 drug-condition rules, and 51 interaction table entries.
/// </summary>
internal sealed record SyntheticMix(int Sequencing, int Compatibility, int DoubleDiagnosis, int DrugCondition, int InteractionEntries)
{
    public static SyntheticMix Shipped { get; } = new(8, 3, 4, 3, 51);

    public static SyntheticMix InteractionsOnly { get; } = new(0, 0, 0, 0, 1);

    /// <summary>Splits <paramref name="total"/> in this mix's proportions (largest remainder, ties in declaration order).</summary>
    public int[] Apportion(int total)
    {
        int[] weights = [Sequencing, Compatibility, DoubleDiagnosis, DrugCondition, InteractionEntries];
        var sum = weights.Sum();
        var counts = weights.Select(w => (int)((long)total * w / sum)).ToArray();
        var order = Enumerable.Range(0, weights.Length)
            .OrderByDescending(i => ((long)total * weights[i]) % sum).ThenBy(i => i).ToArray();
        for (var k = 0; counts.Sum() < total; k++) counts[order[k % order.Length]]++;
        return counts;
    }
}

/// <summary>
/// How many rules fire and how many almost fire for the benchmark patient: a constant, so that
/// the work that depends on the patient stays the same while the rule count grows.
/// </summary>
/// <param name="FirePerFamily">Expression rules that fire, per family that has rules.</param>
/// <param name="NearMissPerFamily">Expression rules whose first trigger matches but that do not fire, per family with two rules or more.</param>
/// <param name="EntryFires">Interaction entries that fire.</param>
/// <param name="EntryNearMisses">Interaction entries with one side matching.</param>
internal sealed record FireTargets(int FirePerFamily, int NearMissPerFamily, int EntryFires, int EntryNearMisses)
{
    public static FireTargets Typical { get; } = new(1, 1, 2, 2);
}
