using System.Collections.Immutable;
using CareSequencing.Model;
using CareSequencing.Presentation;

namespace CareSequencing.Evaluation;

/// <summary>
/// Codes the host did not send as such but that a translator read by name (an RxNorm clinical drug's ingredients)
/// or as a broader parent (ICD-10-CM to WHO ICD-10): advice that relies on one says so, as it says when a form was
/// assumed, so that the clinician checks the reading. Built only for a patient that has such codes: nothing is paid
/// by the others.
/// </summary>
internal sealed class TranslationAssumptions
{
    private readonly List<(string Code, string Sentence)> _translated;

    private TranslationAssumptions(List<(string Code, string Sentence)> translated) => _translated = translated;

    public static TranslationAssumptions? For(PatientContext patient, string language)
    {
        List<(string, string)>? translated = null;
        foreach (var medication in patient.Medications ?? [])
        {
            if (medication is { Code: { } code, Origin: { } origin } && Sentence(PatientFactsBuilder.Display(medication.Name, code), origin, language) is { } sentence)
                (translated ??= []).Add((code.Trim().ToUpperInvariant(), sentence));
        }
        foreach (var condition in patient.Conditions ?? [])
        {
            if (condition is { Code: { } code, Origin: { } origin } && Sentence(code, origin, language) is { } sentence)
                (translated ??= []).Add((code.Trim().ToUpperInvariant(), sentence));
        }
        return translated is null ? null : new(translated);
    }

    public RankedAlert Apply(RankedAlert ranked)
    {
        var alert = ranked.Alert;
        var found = Relied(alert.Codes, alert.Explanation.MatchedFacts);
        return found is null ? ranked : ranked with { Alert = alert.With(alert.Explanation.WithAssumptions(found)) };
    }

    public ImmutableArray<Proposal> Apply(ImmutableArray<Proposal> proposals)
    {
        var builder = proposals.ToBuilder();
        for (var i = 0; i < builder.Count; i++)
        {
            var found = Relied([], builder[i].Explanation.MatchedFacts);
            if (found is not null) builder[i] = builder[i].With(builder[i].Explanation.WithAssumptions(found));
        }
        return builder.ToImmutable();
    }

    // A translated code the advice relied on: among the alert's codes, or named in a matched fact's values
    // (a medication is shown as "name (CODE)", a condition by its code).
    private List<string>? Relied(IReadOnlyList<string> codes, IReadOnlyList<MatchedFact> matched)
    {
        List<string>? found = null;
        foreach (var (code, sentence) in _translated)
        {
            var relied = codes.Contains(code, StringComparer.Ordinal);
            for (var f = 0; !relied && f < matched.Count; f++)
            {
                foreach (var value in matched[f].Values)
                {
                    // The whole code, not a prefix: a parent F32 must not claim a value F32.1 sent as such.
                    if (value == code || (value.EndsWith(')') && value.EndsWith("(" + code + ")", StringComparison.Ordinal))) { relied = true; break; }
                }
            }
            if (relied) (found ??= []).Add(sentence);
        }
        return found;
    }

    private static string? Sentence(string what, CodeOrigin origin, string language)
    {
        var key = origin.Mapping switch
        {
            CodeMapping.Name => "assumed-translation-name",
            CodeMapping.Parent => "assumed-translation-parent",
            _ => null, // a map entry or a server answer holds its own equivalence: provenance, not an assumption
        };
        if (key is null) return null;
        var sent = $"{UncheckedSummary.SystemName(origin.System)} {origin.Code}" + (origin.Display is { } display ? $" \"{display}\"" : "");
        return MessageCatalog.Get(key, language, what, sent, origin.Source ?? "?");
    }
}
