using CareSequencing.Fhir.Terminology;

namespace CareSequencing.Tests.Fhir;

/// <summary>The RxNorm normalised-name reader behind the default maps: issue 16's examples and the Synthea displays.</summary>
public class DefaultTerminologyMapsRxNormNameTests
{
    [Theory]
    [InlineData("Sertraline 100 MG Oral Tablet", "Sertraline", "100 MG", "Oral Tablet", null)]
    [InlineData("Sertraline 100MG", "Sertraline", "100MG", null, null)]
    [InlineData("Lasix 40mg", "Lasix", "40mg", null, null)]
    [InlineData("24 HR metoprolol succinate 100 MG Extended Release Oral Tablet [Toprol]", "metoprolol succinate", "100 MG", "Extended Release Oral Tablet", "Toprol")]
    [InlineData("0.25 ML Leuprolide Acetate 30 MG/ML Prefilled Syringe", "Leuprolide Acetate", "30 MG/ML", "Prefilled Syringe", null)]
    [InlineData("1 ML DOCEtaxel 20 MG/ML Injection", "DOCEtaxel", "20 MG/ML", "Injection", null)]
    [InlineData("Hydrocortisone 10 MG/ML Topical Cream", "Hydrocortisone", "10 MG/ML", "Topical Cream", null)]
    [InlineData("Vitamin B 12 5 MG/ML Injectable Solution", "Vitamin B 12", "5 MG/ML", "Injectable Solution", null)]
    [InlineData("Nitroglycerin 0.4 MG/ACTUAT Mucosal Spray", "Nitroglycerin", "0.4 MG/ACTUAT", "Mucosal Spray", null)]
    [InlineData("Carbamazepine[Tegretol]", "Carbamazepine", null, null, "Tegretol")]
    [InlineData("Clonazepam [Klonopin]", "Clonazepam", null, null, "Klonopin")]
    [InlineData("Hydrocortisone 1 % Topical Ointment", "Hydrocortisone", "1 %", "Topical Ointment", null)]
    [InlineData("Fentanyl 0.025 MG/HR Transdermal System", "Fentanyl", "0.025 MG/HR", "Transdermal System", null)]
    [InlineData("Abuse-Deterrent 12 HR Oxycodone Hydrochloride 15 MG Extended Release Oral Tablet", "Oxycodone Hydrochloride", "15 MG", "Extended Release Oral Tablet", null)]
    public void Parse_SingleIngredient_ReadsNameStrengthFormAndBrand(string display, string name, string? strength, string? form, string? brand)
    {
        var parsed = RxNormName.Parse(display);

        Assert.NotNull(parsed);
        var ingredient = Assert.Single(parsed.Ingredients);
        Assert.Equal(name, ingredient.Name);
        Assert.Equal(strength, ingredient.Strength);
        Assert.Equal(form, parsed.DoseForm);
        Assert.Equal(brand, parsed.Brand);
    }

    [Theory]
    [InlineData("Acetaminophen 325 MG / HYDROcodone Bitartrate 7.5 MG Oral Tablet", "Acetaminophen|HYDROcodone Bitartrate", "Oral Tablet")]
    [InlineData("Acetaminophen 300 MG / HYDROcodone Bitartrate 5 MG [Vicodin]", "Acetaminophen|HYDROcodone Bitartrate", null)]
    [InlineData("Acetaminophen/Hydrocodone", "Acetaminophen|Hydrocodone", null)]
    [InlineData("60 ACTUAT Fluticasone propionate 0.25 MG/ACTUAT / salmeterol 0.05 MG/ACTUAT Dry Powder Inhaler", "Fluticasone propionate|salmeterol", "Dry Powder Inhaler")]
    [InlineData("24 HR Donepezil hydrochloride 10 MG / Memantine hydrochloride 28 MG Extended Release Oral Capsule", "Donepezil hydrochloride|Memantine hydrochloride", "Extended Release Oral Capsule")]
    [InlineData("Acetaminophen 21.7 MG/ML / Dextromethorphan Hydrobromide 1 MG/ML / doxylamine succinate 0.417 MG/ML Oral Solution", "Acetaminophen|Dextromethorphan Hydrobromide|doxylamine succinate", "Oral Solution")]
    [InlineData("{21 (Ethinyl Estradiol 0.035 MG / Norethindrone 1 MG Oral Tablet) / 7 (Inert Ingredients 1 MG Oral Tablet) } Pack [Ortho-Novum]", "Ethinyl Estradiol|Norethindrone", "Oral Tablet")]
    public void Parse_Combination_GivesEveryIngredientInOrder(string display, string names, string? form)
    {
        var parsed = RxNormName.Parse(display);

        Assert.NotNull(parsed);
        Assert.Equal(names.Split('|'), parsed.Ingredients.Select(i => i.Name));
        Assert.Equal(form, parsed.DoseForm);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("100 MG")]
    [InlineData("Oral Tablet")]
    public void Parse_NoIngredient_ReturnsNull(string? display) => Assert.Null(RxNormName.Parse(display));

    [Theory]
    [InlineData("Oral Tablet", "tablet")]
    [InlineData("Extended Release Oral Tablet", "tablet")]
    [InlineData("Extended Release Oral Capsule", "capsule")]
    [InlineData("Oral Solution", "oral-solution")]
    [InlineData("Topical Cream", "cream")]
    [InlineData("Injectable Solution", "injection")]
    [InlineData("Prefilled Syringe", "injection")]
    [InlineData("Transdermal System", "patch")]
    [InlineData("Inhalation Powder", "inhalation")]
    [InlineData("Dry Powder Inhaler", "inhalation")]
    [InlineData("Mucosal Spray", "oromucosal")]
    [InlineData("Vaginal Tablet", "vaginal")]
    [InlineData("Oral route", "oral")]
    [InlineData("Film-coated tablet", "film-coated-tablet")]
    [InlineData("Ophthalmic Solution", "ophthalmic")]
    [InlineData("Oral Granules", "granules")]
    [InlineData("Granules for oral suspension", "oral-suspension")]
    [InlineData("Magic potion", "magic-potion")]
    public void Normalize_FormOrRoute_GivesThePackFormWord(string text, string expected) => Assert.Equal(expected, DoseForms.Normalize(text));

    [Theory]
    [InlineData("tablet", "Oral")]
    [InlineData("oral-solution", "Oral")]
    [InlineData("cream", "Dermal")]
    [InlineData("injection", "Parenteral")]
    [InlineData("magic-potion", "Unknown")]
    [InlineData(null, "Unknown")]
    public void RouteOf_FormWord_GivesItsRoute(string? form, string expected) => Assert.Equal(expected, DoseForms.RouteOf(form).ToString());

    [Fact]
    public void Normalize_Empty_ReturnsNull() => Assert.Null(DoseForms.Normalize(" "));
}
