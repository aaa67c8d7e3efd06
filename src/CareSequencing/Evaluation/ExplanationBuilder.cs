using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CareSequencing.Compilation;
using CareSequencing.Model;

namespace CareSequencing.Evaluation;

/// <summary>
/// Builds the explanation of a rule that fired: the facts its condition looked at with the
/// patient's values, and its text with placeholders filled. Runs only for rules that fired, so
/// the evaluation of rules that do not fire allocates nothing for explanations.
/// </summary>
/// <summary>The values a text's placeholders take; null for an unknown name (left as written).</summary>
internal interface IPlaceholderValues
{
    string? Get(ReadOnlySpan<char> name);
}

/// <summary>Placeholders with values known in advance (interaction tables: <c>{a}</c>, <c>{b}</c>, <c>{medications}</c>).</summary>
internal sealed class FixedPlaceholderValues(string a, string b, string medications) : IPlaceholderValues
{
    public string? Get(ReadOnlySpan<char> name) => name switch
    {
        "a" => a,
        "b" => b,
        "medications" => medications,
        _ => null,
    };
}

internal static partial class ExplanationBuilder
{
    public static ImmutableArray<MatchedFact> MatchedFacts(CompiledRule rule, PatientFacts facts)
    {
        var result = ImmutableArray.CreateBuilder<MatchedFact>();
        foreach (var probe in rule.Condition.Probes)
        {
            var fact = Describe(probe, facts);
            if (fact is not null && !Contains(result, fact)) result.Add(fact);
        }
        return result.ToImmutable();
    }

    private static bool Contains(ImmutableArray<MatchedFact>.Builder facts, MatchedFact fact)
    {
        foreach (var existing in facts)
        {
            if (string.Equals(existing.Fact, fact.Fact, StringComparison.Ordinal) && string.Equals(existing.Query, fact.Query, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>The patient's values behind one helper call or property read; null for members that read nothing.</summary>
    public static MatchedFact? Describe(FactProbe probe, PatientFacts facts)
    {
        // Queries depend on the rule only: the probe built them at compile time.
        var constant = probe.Arguments is not null;
        var arg = constant ? probe.Text(0) : "(computed)";
        switch (probe.Member)
        {
            case nameof(PatientFacts.HasCondition):
                return new("condition", arg, constant ? [.. facts.ConditionsUnder(arg)] : []);
            case nameof(PatientFacts.HasConditionInRange):
                return new("condition", probe.Query!, constant ? [.. facts.ConditionsInRange(arg, probe.Text(1))] : []);
            case nameof(PatientFacts.HasMedication) or nameof(PatientFacts.CountMedications):
                return new("medication", arg, constant ? MedicationNames(facts, arg) : []);
            case nameof(PatientFacts.MedicationStartedWithin) or nameof(PatientFacts.OralMedicationStartedWithin):
                {
                    // Only the medications inside the window: the others did not make the helper true.
                    var oralOnly = probe.Member == nameof(PatientFacts.OralMedicationStartedWithin);
                    var days = probe.Arguments is { Length: > 1 } a && a[1] is int d ? d : int.MaxValue;
                    return new("medication-start", probe.Query!, constant
                        ? [.. facts.MedicationsUnder(arg)
                            .Where(m => m.Start is { } start && start <= facts.AsOf && facts.AsOf.DayNumber - start.DayNumber <= days && (!oralOnly || m.IsOral || m.Form is null))
                            .Select(m => $"{m.Display} {m.Start!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
                                + (oralOnly && m.Form is null ? " (form not recorded: assumed oral)" : ""))]
                        : []);
                }
            case nameof(PatientFacts.HasTherapy) or nameof(PatientFacts.HasActiveTherapy)
                or nameof(PatientFacts.HasPlannedTherapy) or nameof(PatientFacts.HasCompletedTherapy):
                return new("therapy", arg, constant
                    ? [.. facts.TherapiesUnder(arg).Select(t => $"{t.Kind} ({StatusName(t.Status)})")]
                    : []);
            case nameof(PatientFacts.Declined):
                return new("declined", arg, constant ? [.. facts.DeclinedUnder(arg)] : []);
            case nameof(PatientFacts.Prefers):
                return new("preferred", arg, constant ? [.. facts.PreferredUnder(arg)] : []);
            case nameof(PatientFacts.HasFlag):
                return new("flag", arg, constant && facts.HasFlag(arg) ? [arg] : []);
            case nameof(PatientFacts.CurrentPhase) or nameof(PatientFacts.IsInPhase):
                return new("phase", "current", facts.CurrentPhase.Length > 0 ? [facts.CurrentPhase] : []);
            case nameof(PatientFacts.PhaseCompleted):
                return new("phase", probe.Query!, constant && facts.PhaseCompleted(arg) ? [arg] : []);
            case nameof(PatientFacts.Age):
                return new("age", "years", facts.HasKnownAge ? [facts.Age.ToString(CultureInfo.InvariantCulture)] : []);
            case nameof(PatientFacts.Sex):
                return new("sex", "sex", [facts.Sex]);
            default:
                return null;
        }
    }

    private static string[] MedicationNames(PatientFacts facts, string atc)
    {
        var count = 0;
        foreach (var medication in facts.Medications)
        {
            if (medication.Code.StartsWith(atc, StringComparison.Ordinal)) count++;
        }
        if (count == 0) return [];
        var names = new string[count];
        var i = 0;
        foreach (var medication in facts.Medications)
        {
            if (medication.Code.StartsWith(atc, StringComparison.Ordinal)) names[i++] = medication.Display;
        }
        return names;
    }

    private static string StatusName(TherapyStatus status) => status switch
    {
        TherapyStatus.Active => "active",
        TherapyStatus.Planned => "planned",
        TherapyStatus.Completed => "completed",
        TherapyStatus.Declined => "declined",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>Values for the text placeholders, from the matched facts, computed only for the placeholders a text uses.</summary>
    public static IPlaceholderValues Placeholders(ImmutableArray<MatchedFact> matched, PatientFacts facts, string language) =>
        new RulePlaceholderValues(matched, facts, language);

    /// <summary>
    /// Fills <c>{name}</c> placeholders. A plain scan rather than a regular expression: it runs for
    /// every text of every rule that fires, and a text without placeholders is returned as is.
    /// </summary>
    public static string Fill(string template, IPlaceholderValues values)
    {
        var open = template.IndexOf('{', StringComparison.Ordinal);
        if (open < 0) return template;
        var builder = new StringBuilder(template.Length + 48);
        var last = 0;
        while (open >= 0)
        {
            var close = template.IndexOf('}', open + 1);
            if (close < 0) break;
            builder.Append(template, last, open - last);
            if (values.Get(template.AsSpan(open + 1, close - open - 1)) is { } value) builder.Append(value);
            else builder.Append(template, open, close - open + 1);
            last = close + 1;
            open = template.IndexOf('{', last);
        }
        builder.Append(template, last, template.Length - last);
        return builder.ToString();
    }

    private sealed class RulePlaceholderValues(ImmutableArray<MatchedFact> matched, PatientFacts facts, string language) : IPlaceholderValues
    {
        public string? Get(ReadOnlySpan<char> name) => name switch
        {
            "conditions" => Join("condition", null),
            "medications" => Join("medication", "medication-start"),
            "therapies" => Join("therapy", null),
            "flags" => Join("flag", null),
            "phase" => TherapeuticPhases.Display(facts.CurrentPhase, language),
            "age" => facts.HasKnownAge ? facts.Age.ToString(CultureInfo.InvariantCulture) : "?",
            _ => null,
        };

        private string Join(string kind, string? otherKind)
        {
            var seen = new DistinctStrings(0);
            foreach (var fact in matched)
            {
                if (fact.Fact != kind && fact.Fact != otherKind) continue;
                foreach (var value in fact.Values) seen.Add(value);
            }
            return string.Join(", ", seen.Items);
        }
    }
}
