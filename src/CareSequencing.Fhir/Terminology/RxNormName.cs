using System.Text.RegularExpressions;

namespace CareSequencing.Fhir.Terminology;

/// <summary>One ingredient of an RxNorm name, as written (case kept), with its strength when one was given.</summary>
internal sealed record RxNormIngredient(string Name, string? Strength);

/// <summary>
/// An RxNorm normalised name (SCD/SBD/pack, e.g. <c>24 HR metoprolol succinate 100 MG Extended Release Oral Tablet [Toprol]</c>)
/// read into its ingredients, dose form and brand. No RxNorm relationship table is open, so clinical drugs are read by
/// name; the grammar is RxNorm's naming convention (quantity, ingredient strength / ingredient strength, dose form, [brand]).
/// Real displays stray from it ("Lasix 40mg", "Carbamazepine[Tegretol]", "Acetaminophen/Hydrocodone"), so it is lenient.
/// </summary>
internal sealed partial record RxNormName(IReadOnlyList<RxNormIngredient> Ingredients, string? DoseForm, string? Brand)
{
    // Longest first: "Extended Release Oral Tablet" must win over "Oral Tablet".
    private static readonly string[] DoseFormNames =
    [
        "Extended Release Oral Tablet", "Delayed Release Oral Tablet", "Disintegrating Oral Tablet", "Extended Release Oral Capsule",
        "Delayed Release Oral Capsule", "Sublingual Tablet", "Buccal Tablet", "Chewable Tablet", "Effervescent Oral Tablet",
        "Oral Tablet", "Oral Capsule", "Oral Solution", "Oral Suspension", "Oral Powder", "Oral Granules", "Oral Gel", "Oral Spray",
        "Extended Release Suspension", "Extended Release Injectable Suspension", "Injectable Suspension", "Injectable Solution",
        "Injectable Foam", "Injection", "Prefilled Syringe", "Auto-Injector", "Cartridge", "Pen Injector",
        "Dry Powder Inhaler", "Metered Dose Inhaler", "Inhalation Powder", "Inhalation Solution", "Inhalation Spray", "Inhalant Solution",
        "Nasal Spray", "Nasal Solution", "Nasal Inhaler", "Mucosal Spray", "Ophthalmic Solution", "Ophthalmic Suspension", "Ophthalmic Ointment",
        "Otic Solution", "Otic Suspension", "Topical Cream", "Topical Ointment", "Topical Gel", "Topical Lotion", "Topical Solution",
        "Topical Spray", "Topical Foam", "Medicated Patch", "Transdermal System", "Transdermal Patch", "Vaginal Cream", "Vaginal Tablet",
        "Vaginal Ring", "Vaginal Insert", "Rectal Suppository", "Rectal Cream", "Enema", "Drug Implant", "Intrauterine System",
        "Mouthwash", "Toothpaste", "Shampoo", "Chewing Gum", "Lozenge", "Powder", "Solution", "Suspension", "Tablet", "Capsule",
    ];

    /// <summary>Reads a display; null when nothing that looks like an ingredient is left.</summary>
    public static RxNormName? Parse(string? display)
    {
        if (string.IsNullOrWhiteSpace(display)) return null;
        var text = Spaces().Replace(display.Trim(), " ");
        if (PackPattern().Match(text) is { Success: true } pack) return ParsePack(pack.Groups["content"].Value, pack.Groups["brand"].Value);

        string? brand = null;
        if (BrandPattern().Match(text) is { Success: true } b)
        {
            brand = b.Groups["brand"].Value.Trim();
            text = text[..b.Index].Trim();
        }
        text = QuantityPrefix().Replace(text, "");
        string? form = null;
        foreach (var name in DoseFormNames)
        {
            if (text.EndsWith(" " + name, StringComparison.OrdinalIgnoreCase) || text.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                form = name;
                text = text[..^name.Length].Trim();
                break;
            }
        }
        var parts = text.Split(" / ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // "Acetaminophen/Hydrocodone": a combination written without spaces; a strength's "MG/ML" has digits before it.
        if (parts.Length == 1 && parts[0].Contains('/', StringComparison.Ordinal) && !parts[0].Any(char.IsDigit))
            parts = parts[0].Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ingredients = new List<RxNormIngredient>();
        foreach (var part in parts)
        {
            var m = StrengthPattern().Match(part);
            var name = (m.Success ? part[..m.Index] : part).Trim();
            if (name.Length == 0 || !name.Any(char.IsLetter)) continue;
            ingredients.Add(new RxNormIngredient(name, m.Success ? m.Value.Trim() : null));
        }
        if (ingredients.Count == 0 && brand is not null) ingredients.Add(new RxNormIngredient(brand, null));
        return ingredients.Count == 0 ? null : new RxNormName(ingredients, form, brand);
    }

    /// <summary><c>{21 (ethinyl estradiol 0.035 MG / norethindrone 1 MG Oral Tablet) / 7 (inert ingredients 1 MG Oral Tablet) } Pack [Brand]</c>.</summary>
    private static RxNormName? ParsePack(string content, string brand)
    {
        var ingredients = new List<RxNormIngredient>();
        string? form = null;
        foreach (Match item in PackItem().Matches(content))
        {
            if (Parse(item.Groups["drug"].Value) is not { } drug) continue;
            form ??= drug.DoseForm;
            foreach (var ingredient in drug.Ingredients)
            {
                // Placebo days of a contraceptive pack carry no ingredient.
                if (ingredient.Name.StartsWith("inert", StringComparison.OrdinalIgnoreCase)) continue;
                if (!ingredients.Exists(i => string.Equals(i.Name, ingredient.Name, StringComparison.OrdinalIgnoreCase))) ingredients.Add(ingredient);
            }
        }
        return ingredients.Count == 0 ? null : new RxNormName(ingredients, form, brand.Length == 0 ? null : brand);
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^\{(?<content>.*)\}\s*Pack\s*(\[(?<brand>[^\]]*)\])?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PackPattern();

    [GeneratedRegex(@"(?<n>\d+)\s*\((?<drug>[^()]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex PackItem();

    [GeneratedRegex(@"\s*\[(?<brand>[^\]]+)\]\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex BrandPattern();

    // "24 HR", "0.25 ML", "60 ACTUAT", "Abuse-Deterrent 12 HR": the package quantity or release period before the ingredients.
    [GeneratedRegex(@"^(Abuse-Deterrent\s+)?(\d+(\.\d+)?\s*(HR|ML|ACTUAT|DAY|WEEK|MONTH|CM2|G|MG|UNT)\s+)*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex QuantityPrefix();

    // "100 MG", "100MG", "40mg", "0.05 MG/ACTUAT", "1 %", "5000 UNT/ML", "0.417 MG/ML": a number followed by a unit.
    [GeneratedRegex(@"(?<![A-Za-z])\d+(\.\d+)?\s*(MG|MCG|G|ML|UNT|MEQ|MMOL|IU|%|ACTUAT|HR|CELLS|BAU|PNU)(/(\d+(\.\d+)?\s*)?(ML|ACTUAT|HR|MG|G|L|DAY|CM2|SQCM))?(?![A-Za-z]).*$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex StrengthPattern();
}
