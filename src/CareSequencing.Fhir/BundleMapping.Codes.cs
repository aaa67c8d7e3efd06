using CareSequencing.Loading;
using MessageText = CareSequencing.Model.MessageText;
using CareSequencing.Fhir.Terminology;
using Hl7.Fhir.Model;

namespace CareSequencing.Fhir;

// Codings to the codes the rules speak, and what could not be read (PatientContext.Unchecked and one summary).
internal sealed partial class BundleMapping
{
    private readonly List<UncheckedCode> _unchecked = [];
    private readonly HashSet<(UncheckedCodeKind, string, string)> _uncheckedSeen = [];
    private readonly HashSet<(UncheckedCodeKind, string, string)> _uncheckedConcepts = [];
    private readonly HashSet<(string, string)> _problemsSeen = [];
    private int _uncheckedMedications;
    private int _uncheckedConditions;
    private int _otherSystemEntries;

    /// <summary>
    /// Codes of a concept in the target system: codings in an accepted system are checked against the format,
    /// other codings go through the host's translators (<see cref="FhirMappingOptions.Translators"/>). When one
    /// coding gives a code, the others' failures are not warnings: the concept was read. When none does, each
    /// coding in a system that could not be read goes to <see cref="PatientContext.Unchecked"/> (once per bundle)
    /// and other problems (an invalid code) are warnings at their coding. A stopped medication or a condition that is
    /// not active would not be checked even with a code (<paramref name="current"/> false): it is not listed as unchecked.
    /// </summary>
    private List<MappedCode> Codes(CodeableConcept? concept, string path, TerminologyTarget target, string? form, UncheckedCodeKind kind, bool current = true)
    {
        var (systems, pattern, invalidCode, what) = target == TerminologyTarget.Atc
            ? (options.AtcSystems, FhirPatientContextMapper.AtcPattern(), DiagnosticCodes.PatientInvalidAtc, "ATC")
            : (options.Icd10Systems, FhirPatientContextMapper.Icd10Pattern(), DiagnosticCodes.PatientInvalidIcd10, "ICD-10");
        var codes = new List<MappedCode>();
        if (concept is null || concept.Coding.Count == 0)
        {
            Warn(DiagnosticCodes.PatientMissingField, path, new("fhir.no-coding-of", what));
            return codes;
        }
        List<AdviceWarning>? problems = null;
        List<(Coding Coding, string Path)>? unread = null;
        for (var i = 0; i < concept.Coding.Count; i++)
        {
            var coding = concept.Coding[i];
            var at = FhirPatientContextMapper.At(path, "coding", i);
            if (coding.System is not null && systems.Contains(coding.System))
            {
                if (string.IsNullOrWhiteSpace(coding.Code)) (problems ??= []).Add(new(DiagnosticCodes.PatientMissingField, at + ".code", new MessageText("fhir.coding-no-code")));
                else if (!pattern.IsMatch(coding.Code.Trim())) (problems ??= []).Add(new(invalidCode, at + ".code", new MessageText("fhir.code-not-valid", what)));
                else Add(codes, new MappedCode(coding.Code.Trim(), null, null, null));
                continue;
            }
            if (coding.System is null || string.IsNullOrWhiteSpace(coding.Code))
            {
                (problems ??= []).Add(new(DiagnosticCodes.PatientUnsupportedSystem, at, new MessageText("fhir.system-not", coding.System ?? "(none)", what)));
                continue;
            }
            if (!_terminology.HasTranslators)
            {
                (unread ??= []).Add((coding, at));
                continue;
            }
            var source = SourceOf(coding, concept, form);
            var answer = _terminology.Get(source, target);
            foreach (var (translator, problem) in answer.Problems)
            {
                // A failing server fails for every coding: once per translator and problem is enough to read.
                if (_problemsSeen.Add((translator, problem)))
                    Warn(DiagnosticCodes.PatientTerminologyProblem, at, new("fhir.terminology-problem", translator, problem));
            }
            foreach (var translated in answer.Codes)
            {
                if (!pattern.IsMatch(translated.Code))
                {
                    (problems ??= []).Add(new(invalidCode, at, new MessageText("fhir.translated-not-valid", answer.Translator ?? "?", what)));
                    continue;
                }
                var origin = new CodeOrigin(source.System, source.Code) { Display = source.Display, Mapping = translated.Mapping, Source = translated.Source };
                Add(codes, new MappedCode(translated.Code, origin, translated.Form, translated.Name));
            }
            if (answer.Codes.Count == 0) (unread ??= []).Add((coding, at));
        }
        if (codes.Count > 0) return codes;
        if (problems is not null) _warnings.AddRange(problems);
        if (unread is not null && current) AddUnchecked(kind, concept, unread);
        return codes;

        // A code given directly wins over the same code reached by translation from another coding.
        static void Add(List<MappedCode> codes, MappedCode code)
        {
            if (!codes.Exists(c => c.Code == code.Code)) codes.Add(code);
        }
    }

    private void AddUnchecked(UncheckedCodeKind kind, CodeableConcept concept, List<(Coding Coding, string Path)> unread)
    {
        var first = unread[0].Coding;
        if (_uncheckedConcepts.Add((kind, first.System!, first.Code!.Trim())))
        {
            if (kind == UncheckedCodeKind.Medication) _uncheckedMedications++;
            else _uncheckedConditions++;
        }
        foreach (var (coding, at) in unread)
        {
            var display = string.IsNullOrWhiteSpace(coding.Display) ? concept.Text : coding.Display;
            var code = coding.Code!.Trim();
            if (!_uncheckedSeen.Add((kind, coding.System!, code))) continue;
            _unchecked.Add(new UncheckedCode(kind, coding.System!, code) { Display = string.IsNullOrWhiteSpace(display) ? null : display, Path = at });
        }
    }

    /// <summary>One warning with counts; the codes themselves are in <see cref="PatientContext.Unchecked"/>, never in a message.</summary>
    private void SummariseUnchecked()
    {
        if (_uncheckedMedications > 0 || _uncheckedConditions > 0)
        {
            Warn(DiagnosticCodes.PatientCodesNotChecked, "Bundle", (_uncheckedMedications, _uncheckedConditions) switch
            {
                (_, 0) => new MessageText("fhir.unchecked-medications", _uncheckedMedications),
                (0, _) => new MessageText("fhir.unchecked-conditions", _uncheckedConditions),
                _ => new MessageText("fhir.unchecked", _uncheckedMedications, _uncheckedConditions),
            });
        }
        if (_otherSystemEntries > 0)
            Warn(DiagnosticCodes.PatientCodesNotChecked, "Bundle", new("fhir.unchecked-other-systems", _otherSystemEntries));
    }

    private static SourceCoding SourceOf(Coding coding, CodeableConcept concept, string? form) =>
        new(coding.System!, coding.Code!.Trim(), string.IsNullOrWhiteSpace(coding.Display) ? concept.Text : coding.Display)
        {
            Version = coding.Version,
            Form = form,
        };

    /// <summary>A code in the target system and, when it was translated, where it came from.</summary>
    private readonly record struct MappedCode(string Code, CodeOrigin? Origin, string? Form, string? Name);

    /// <summary>
    /// Codes of a concept in one CareSequencing system. With <paramref name="warnOthers"/>, a concept coded only in
    /// other systems (a SNOMED CT procedure) is counted for one summary warning rather than warned per coding.
    /// </summary>
    private List<(string Code, int Index)> Own(CodeableConcept? concept, string path, string system, bool warnOthers)
    {
        var codes = new List<(string, int)>();
        if (concept is null) { if (warnOthers) Warn(DiagnosticCodes.PatientMissingField, path, new("fhir.no-code")); return codes; }
        var others = 0;
        for (var i = 0; i < concept.Coding.Count; i++)
        {
            var coding = concept.Coding[i];
            var at = FhirPatientContextMapper.At(path, "coding", i);
            if (coding.System != system) others++;
            else if (string.IsNullOrWhiteSpace(coding.Code)) Warn(DiagnosticCodes.PatientMissingField, at + ".code", new("fhir.coding-no-code"));
            else codes.Add((coding.Code.Trim(), i));
        }
        if (warnOthers && codes.Count == 0 && others > 0) _otherSystemEntries++;
        if (warnOthers && codes.Count == 0 && concept.Coding.Count == 0) Warn(DiagnosticCodes.PatientMissingField, path, new("fhir.no-coding"));
        return codes;
    }
}
