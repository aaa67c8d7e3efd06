namespace CareSequencing.Fhir.Terminology;

/// <summary>How a form is given, which decides between the ATC codes of one substance (hydrocortisone cream is D07, tablets H02).</summary>
internal enum AdministrationRoute
{
    Unknown,
    Oral,
    Parenteral,
    Oromucosal,
    Transdermal,
    Inhalation,
    Nasal,
    Dermal,
    Ophthalmic,
    Otic,
    Vaginal,
    Rectal,
}

/// <summary>
/// Normalises a dose form or route (an RxNorm dose form, <c>Medication.form</c> text, a SNOMED CT form or route display,
/// <c>dosage.route</c>) to the lower-case, hyphenated form words the rule packs' <c>forms</c> qualifiers use
/// (<c>oral</c>, <c>tablet</c>, <c>capsule</c>, <c>oral-solution</c>... see <c>PatientFacts.OralForms</c> and
/// docs/rule-format.md), and tells the route of a form.
/// </summary>
internal static class DoseForms
{
    // First match wins: route words before the generic "tablet"/"solution" (a "Vaginal Tablet" is not an oral tablet).
    private static readonly (string Needle, string Form)[] Table =
    [
        ("vagina", "vaginal"), ("intrauterine", "vaginal"),
        ("rectal", "rectal"), ("rectum", "rectal"), ("suppositor", "rectal"), ("enema", "rectal"),
        ("ophthalmic", "ophthalmic"), ("eye", "ophthalmic"), ("otic", "otic"), ("auricular", "otic"),
        ("nasal", "nasal"), ("nose", "nasal"),
        ("inhal", "inhalation"), ("respiratory", "inhalation"), ("nebuli", "inhalation"),
        ("transdermal", "patch"), ("patch", "patch"),
        ("mucosal", "oromucosal"), ("sublingual", "oromucosal"), ("buccal", "oromucosal"), ("lozenge", "oromucosal"),
        ("mouthwash", "oromucosal"), ("chewing gum", "oromucosal"),
        ("inject", "injection"), ("syringe", "injection"), ("intravenous", "injection"), ("intramuscular", "injection"),
        ("subcutaneous", "injection"), ("cartridge", "injection"), ("pen injector", "injection"), ("parenteral", "injection"),
        ("implant", "implant"),
        ("cream", "cream"), ("ointment", "ointment"), ("lotion", "lotion"), ("shampoo", "shampoo"), ("topical", "topical"),
        ("cutaneous", "topical"), ("skin", "topical"),
        ("film-coated", "film-coated-tablet"), ("film coated", "film-coated-tablet"), ("tablet", "tablet"), ("capsule", "capsule"),
        ("oral solution", "oral-solution"), ("syrup", "oral-solution"), ("elixir", "oral-solution"),
        ("oral suspension", "oral-suspension"), ("granule", "granules"), ("oral powder", "oral-powder"), ("oral", "oral"),
        ("gel", "gel"),
    ];

    /// <summary>The form word for a form or route text, or null when the text is empty.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var lower = text.Trim().ToLowerInvariant();
        foreach (var (needle, form) in Table)
        {
            if (lower.Contains(needle, StringComparison.Ordinal)) return form;
        }
        // Unknown words are kept, in the packs' spelling, so a pack that names them still matches.
        return string.Join('-', lower.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The route of a normalised form word.</summary>
    public static AdministrationRoute RouteOf(string? form) => form switch
    {
        null => AdministrationRoute.Unknown,
        "oral" or "tablet" or "film-coated-tablet" or "capsule" or "oral-solution" or "oral-suspension" or "granules" or "oral-powder" => AdministrationRoute.Oral,
        "injection" or "implant" => AdministrationRoute.Parenteral,
        "oromucosal" => AdministrationRoute.Oromucosal,
        "patch" => AdministrationRoute.Transdermal,
        "inhalation" => AdministrationRoute.Inhalation,
        "nasal" => AdministrationRoute.Nasal,
        "cream" or "ointment" or "lotion" or "shampoo" or "topical" or "gel" => AdministrationRoute.Dermal,
        "ophthalmic" => AdministrationRoute.Ophthalmic,
        "otic" => AdministrationRoute.Otic,
        "vaginal" => AdministrationRoute.Vaginal,
        "rectal" => AdministrationRoute.Rectal,
        _ => AdministrationRoute.Unknown,
    };
}
