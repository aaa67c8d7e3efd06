using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using CareSequencing.Compilation;
using CareSequencing.Model;

namespace CareSequencing.Evaluation;

/// <summary>
/// Builds the explanation of a rule that fired: the facts its condition looked at with the
/// patient's values, and its text with placeholders filled. Runs only for rules that fired, so
/// the evaluation of rules that do not fire allocates nothing for explanations.
/// </summary>
internal static partial class ExplanationBuilder
{
    [GeneratedRegex(@"\{([a-z]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    public static ImmutableArray<MatchedFact> MatchedFacts(CompiledRule rule, PatientFacts facts)
    {
        var result = ImmutableArray.CreateBuilder<MatchedFact>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var probe in rule.Condition.Probes)
        {
            var fact = Describe(probe, facts);
            if (fact is not null && seen.Add(fact.Fact + "\u0001" + fact.Query)) result.Add(fact);
        }
        return result.ToImmutable();
    }

    /// <summary>The patient's values behind one helper call or property read; null for members that read nothing.</summary>
    public static MatchedFact? Describe(FactProbe probe, PatientFacts facts)
    {
        var args = probe.Arguments;
        string Arg(int i) => args is { } a && a.Length > i ? Convert.ToString(a[i], CultureInfo.InvariantCulture) ?? "" : "(computed)";
        bool Constant() => args is not null;
        switch (probe.Member)
        {
            case nameof(PatientFacts.HasCondition):
                return new("condition", Arg(0), Constant() ? [.. facts.ConditionsUnder(Arg(0))] : []);
            case nameof(PatientFacts.HasConditionInRange):
                return new("condition", $"{Arg(0)}–{Arg(1)}", Constant() ? [.. facts.ConditionsInRange(Arg(0), Arg(1))] : []);
            case nameof(PatientFacts.HasMedication) or nameof(PatientFacts.CountMedications):
                return new("medication", Arg(0), Constant() ? [.. facts.MedicationsUnder(Arg(0)).Select(m => m.Display)] : []);
            case nameof(PatientFacts.MedicationStartedWithin) or nameof(PatientFacts.OralMedicationStartedWithin):
                {
                    // Only the medications inside the window: the others did not make the helper true.
                    var oralOnly = probe.Member == nameof(PatientFacts.OralMedicationStartedWithin);
                    var days = args is { Length: > 1 } a && a[1] is int d ? d : int.MaxValue;
                    return new("medication-start", $"{Arg(0)} ≤ {Arg(1)} d", Constant()
                        ? [.. facts.MedicationsUnder(Arg(0))
                            .Where(m => m.Start is { } start && start <= facts.AsOf && facts.AsOf.DayNumber - start.DayNumber <= days && (!oralOnly || m.IsOral))
                            .Select(m => $"{m.Display} {m.Start!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}")]
                        : []);
                }
            case nameof(PatientFacts.HasTherapy) or nameof(PatientFacts.HasActiveTherapy)
                or nameof(PatientFacts.HasPlannedTherapy) or nameof(PatientFacts.HasCompletedTherapy):
                return new("therapy", Arg(0), Constant()
                    ? [.. facts.TherapiesUnder(Arg(0)).Select(t => $"{t.Kind} ({t.Status.ToString().ToLowerInvariant()})")]
                    : []);
            case nameof(PatientFacts.Declined):
                return new("declined", Arg(0), Constant() ? [.. facts.DeclinedUnder(Arg(0))] : []);
            case nameof(PatientFacts.Prefers):
                return new("preferred", Arg(0), Constant() ? [.. facts.PreferredUnder(Arg(0))] : []);
            case nameof(PatientFacts.HasFlag):
                return new("flag", Arg(0), Constant() && facts.HasFlag(Arg(0)) ? [Arg(0)] : []);
            case nameof(PatientFacts.CurrentPhase) or nameof(PatientFacts.IsInPhase):
                return new("phase", "current", facts.CurrentPhase.Length > 0 ? [facts.CurrentPhase] : []);
            case nameof(PatientFacts.PhaseCompleted):
                return new("phase", "completed:" + Arg(0), Constant() && facts.PhaseCompleted(Arg(0)) ? [Arg(0)] : []);
            case nameof(PatientFacts.Age):
                return new("age", "years", facts.HasKnownAge ? [facts.Age.ToString(CultureInfo.InvariantCulture)] : []);
            case nameof(PatientFacts.Sex):
                return new("sex", "sex", [facts.Sex]);
            default:
                return null;
        }
    }

    /// <summary>Values for the text placeholders, from the matched facts.</summary>
    public static Dictionary<string, string> Placeholders(IEnumerable<MatchedFact> matched, PatientFacts facts, string language)
    {
        var list = matched.ToList();
        string Join(params string[] kinds) => string.Join(", ", list.Where(f => kinds.Contains(f.Fact))
            .SelectMany(f => f.Values).Distinct(StringComparer.Ordinal));
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["conditions"] = Join("condition"),
            ["medications"] = Join("medication", "medication-start"),
            ["therapies"] = Join("therapy"),
            ["flags"] = Join("flag"),
            ["phase"] = TherapeuticPhases.Display(facts.CurrentPhase, language),
            ["age"] = facts.HasKnownAge ? facts.Age.ToString(CultureInfo.InvariantCulture) : "?",
        };
    }

    public static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
}
