using System.Globalization;
using CareSequencing.Model;

namespace CareSequencing.Presentation;

/// <summary>
/// The capped, readable list of what was not checked (<see cref="Advice.Unchecked"/>), shared by the text and the
/// CDS Hooks writers: "3 medications not checked: oxycodone 5 MG Oral Tablet (RxNorm 1049621), ...".
/// </summary>
/// <remarks>Shows the patient's displays and codes to the clinician; never for warnings or logs.</remarks>
internal static class UncheckedSummary
{
    /// <summary>Entries listed by name; the rest are counted ("and N more").</summary>
    public const int MaxListed = 10;

    // Bounds on what the host sent, so that one entry cannot fill a card.
    private const int MaxDisplay = 80;
    private const int MaxCode = 40;
    private const int MaxSystem = 80;

    // The code systems EHRs send most, by their official URIs (HL7 naming for RxNorm, SNOMED CT, ICD-10-CM and NDC;
    // the ANS OID for CIP13 (CI-SIS); NHS England for dm+d).
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.Ordinal)
    {
        ["http://www.nlm.nih.gov/research/umls/rxnorm"] = "RxNorm",
        ["http://snomed.info/sct"] = "SNOMED CT",
        ["http://hl7.org/fhir/sid/icd-10-cm"] = "ICD-10-CM",
        ["http://hl7.org/fhir/sid/icd-10"] = "ICD-10",
        ["http://www.whocc.no/atc"] = "ATC",
        ["urn:oid:1.2.250.1.213.2.3.2"] = "CIP13",
        ["urn:oid:1.2.250.1.213.2.61"] = "UCD",
        ["urn:oid:2.16.840.1.113883.6.73"] = "ATC",
        ["urn:oid:2.16.840.1.113883.6.3"] = "ICD-10",
        ["http://hl7.org/fhir/sid/ndc"] = "NDC",
        ["https://dmd.nhs.uk"] = "dm+d",
    };

    /// <summary>A short name for a well-known code system URI, else the URI (shortened when very long).</summary>
    public static string SystemName(string system) =>
        ShortNames.TryGetValue(system, out var name) ? name : Cut(system, MaxSystem);

    /// <summary>How many entries of <paramref name="kind"/> there are.</summary>
    public static int Count(Advice advice, UncheckedCodeKind kind) => advice.Unchecked.Count(u => u.Kind == kind);

    /// <summary>
    /// One line for <paramref name="kind"/>, or null when none: count, then at most <see cref="MaxListed"/> entries as
    /// <c>display (system code)</c>, each passed through <paramref name="escape"/> (Markdown for a card).
    /// </summary>
    /// <param name="advice">The advice.</param>
    /// <param name="kind">Medications or conditions.</param>
    /// <param name="escape">Applied to each entry (Markdown for a card); none when null.</param>
    /// <param name="jsonBudget">Stop listing before the escaped entries take more than this many bytes once written in JSON.</param>
    public static string? Line(Advice advice, UncheckedCodeKind kind, Func<string, string>? escape = null, int jsonBudget = int.MaxValue)
    {
        var entries = advice.Unchecked.Where(u => u.Kind == kind).ToList();
        if (entries.Count == 0) return null;
        escape ??= static s => s;
        var language = advice.Language;
        var listed = new List<string>();
        var used = 0;
        foreach (var entry in entries.Take(MaxListed))
        {
            var item = escape(Item(entry, language));
            used += JsonBytes(item) + 2;
            if (used > jsonBudget) break;
            listed.Add(item);
        }
        if (entries.Count > listed.Count) listed.Add(MessageCatalog.Get("unchecked.more", language, entries.Count - listed.Count));
        var key = (kind == UncheckedCodeKind.Medication ? "unchecked.medications" : "unchecked.conditions") + (entries.Count == 1 ? "-one" : "-many");
        return MessageCatalog.Get(key, language, entries.Count.ToString(CultureInfo.InvariantCulture), string.Join(", ", listed));
    }

    private static string Item(UncheckedCode code, string language)
    {
        var display = string.IsNullOrWhiteSpace(code.Display) ? MessageCatalog.Get("unchecked.no-display", language) : Cut(OneLine(code.Display), MaxDisplay);
        return $"{display} ({SystemName(code.System)} {Cut(OneLine(code.Code), MaxCode)})";
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The bytes <paramref name="text"/> takes in the project's JSON (UTF-8; backslash, quote, control characters and characters outside the BMP escaped).</summary>
    internal static int JsonBytes(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        foreach (var c in text)
        {
            if (c is '\\' or '"') bytes++;
            else if (c < ' ') bytes += 5;
            else if (char.IsSurrogate(c)) bytes += 4; // written as \uXXXX (6 bytes) each, not 2 of the 4 UTF-8 bytes of the pair
        }
        return bytes;
    }

    /// <summary>At most <paramref name="max"/> characters, ending with an ellipsis when cut.</summary>
    internal static string Cut(string text, int max)
    {
        if (text.Length <= max) return text;
        var length = char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1; // never half a character
        return string.Concat(text.AsSpan(0, length), "…");
    }
}
