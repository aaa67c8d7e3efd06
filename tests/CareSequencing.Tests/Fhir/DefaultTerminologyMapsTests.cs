using CareSequencing.Fhir;
using CareSequencing.Fhir.Terminology;

namespace CareSequencing.Tests.Fhir;

/// <summary>The shipped default maps: RxNorm by ingredient and by name, ICD-10-CM parents and exceptions, the SNOMED CT starter map.</summary>
public class DefaultTerminologyMapsTests
{
    private static readonly DefaultTerminologyMaps Maps = new();

    private static CodeTranslation Translate(string system, string code, string? display = null, TerminologyTarget target = TerminologyTarget.Atc, string? form = null) =>
        Maps.TranslateAsync(new SourceCoding(system, code, display) { Form = form }, target).AsTask().GetAwaiter().GetResult();

    private static CodeTranslation Rx(string display, string? form = null, string code = "0") => Translate(FhirSystems.RxNorm, code, display, form: form);

    private static CodeTranslation Cm(string code) => Translate(FhirSystems.Icd10Cm, code, target: TerminologyTarget.Icd10);

    [Fact]
    public void TranslateAsync_IngredientRxcui_GivesTheCpicCodeAsAMapEntry()
    {
        var code = Assert.Single(Translate(FhirSystems.RxNorm, "36437").Codes);

        Assert.Equal("N06AB06", code.Code);
        Assert.Equal(CodeMapping.Map, code.Mapping);
        Assert.Contains("rxnorm-ingredients (CPIC cpic-drug-rxnorm-drugbank-atc.tsv row 204)", code.Source, StringComparison.Ordinal);
        Assert.StartsWith(Maps.Name + ":", code.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tablet", "M01AE01")]
    [InlineData("cream", "M02AA13")]
    public void TranslateAsync_IngredientRxcuiWithSeveralCodes_ChoosesByForm(string form, string expected) =>
        Assert.Equal(expected, Assert.Single(Translate(FhirSystems.RxNorm, "5640", form: form).Codes).Code);

    [Fact]
    public void TranslateAsync_IngredientRxcuiWithoutForm_SeveralSystemicCodes_ReportsAProblemAndNoCode()
    {
        var result = Translate(FhirSystems.RxNorm, "5640");

        Assert.Empty(result.Codes);
        Assert.Contains("dose form did not decide", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sertraline 100 MG Oral Tablet", "N06AB06", "sertraline", "tablet")]
    [InlineData("Sertraline 100MG", "N06AB06", "sertraline", null)]
    [InlineData("24 HR metoprolol succinate 100 MG Extended Release Oral Tablet [Toprol]", "C07AB02", "metoprolol", "tablet")]
    [InlineData("Warfarin Sodium 5 MG Oral Tablet", "B01AA03", "warfarin", "tablet")]
    [InlineData("Lasix 40mg", "C03CA01", "furosemide", null)]
    [InlineData("Carbamazepine[Tegretol]", "N03AF01", "carbamazepine", null)]
    [InlineData("0.25 ML Leuprolide Acetate 30 MG/ML Prefilled Syringe", "L02AE02", "leuprorelin", "injection")]
    [InlineData("Leucovorin 100 MG Injection", "V03AF03", "calcium folinate", "injection")]
    [InlineData("Vitamin B 12 5 MG/ML Injectable Solution", "B03BA01", "cyanocobalamin", "injection")]
    [InlineData("Nitroglycerin 0.4 MG/ACTUAT Mucosal Spray", "C01DA02", "glyceryl trinitrate", "oromucosal")]
    [InlineData("Hydrocortisone 10 MG/ML Topical Cream", "D07AA02", "hydrocortisone", "cream")]
    [InlineData("Hydrocortisone 10 MG Oral Tablet", "H02AB09", "hydrocortisone", "tablet")]
    [InlineData("Naproxen sodium 220 MG Oral Tablet", "M01AE02", "naproxen", "tablet")]
    [InlineData("Ibuprofen 200 MG Oral Tablet", "M01AE01", "ibuprofen", "tablet")]
    [InlineData("3 ML Amiodarone hydrocholoride 50 MG/ML Prefilled Syringe", "C01BD01", "amiodarone", "injection")]
    public void TranslateAsync_ClinicalDrugName_ReadsTheIngredientByName(string display, string atc, string name, string? form)
    {
        var code = Assert.Single(Rx(display).Codes);

        Assert.Equal(atc, code.Code);
        Assert.Equal(CodeMapping.Name, code.Mapping);
        Assert.Equal(name, code.Name);
        Assert.Equal(form, code.Form);
        Assert.Contains("read by name, atc-names row", code.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void TranslateAsync_BrandThroughSynonym_CitesTheSynonymRow() =>
        Assert.Contains("rxnorm-synonyms row", Assert.Single(Rx("Lasix 40mg").Codes).Source, StringComparison.Ordinal);

    [Theory]
    [InlineData("Acetaminophen 325 MG / HYDROcodone Bitartrate 7.5 MG Oral Tablet", "N02BE01")]
    [InlineData("Acetaminophen 325 MG / Oxycodone Hydrochloride 5 MG Oral Tablet", "N02BE01 N02AA05")]
    [InlineData("60 ACTUAT Fluticasone propionate 0.25 MG/ACTUAT / salmeterol 0.05 MG/ACTUAT Dry Powder Inhaler", "R03BA05 R03AC12")]
    [InlineData("24 HR Donepezil hydrochloride 10 MG / Memantine hydrochloride 28 MG Extended Release Oral Capsule", "N06DA02")] // memantine: not among the shipped names
    public void TranslateAsync_Combination_GivesOneCodePerKnownIngredient(string display, string codes) =>
        Assert.Equal(codes.Split(' '), Rx(display).Codes.Select(c => c.Code));

    [Fact]
    public void TranslateAsync_CombinationWithAnUnknownIngredient_GivesTheKnownCodeAndSaysOneIsMissing()
    {
        var result = Rx("Acetaminophen 325 MG / Unobtainium 5 MG Oral Tablet");

        Assert.Equal("N02BE01", Assert.Single(result.Codes).Code);
        Assert.Contains("has no ATC code", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void TranslateAsync_NameWithSeveralSystemicCodesAndNoForm_ReportsAProblemAndNoCode()
    {
        var result = Rx("Hydrocortisone 10 MG");

        Assert.Empty(result.Codes);
        Assert.Contains("dose form did not decide", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void TranslateAsync_FormFromTheResource_DecidesWhenTheNameHasNone() =>
        Assert.Equal("D07AA02", Assert.Single(Rx("Hydrocortisone 10 MG", form: "cream").Codes).Code);

    [Theory]
    [InlineData("Unobtainium 10 MG Oral Tablet")]
    [InlineData("")]
    [InlineData(null)]
    public void TranslateAsync_UnknownName_GivesNothingAndNoProblem(string? display)
    {
        var result = Rx(display!);

        Assert.Empty(result.Codes);
        Assert.Empty(result.Problems);
    }

    [Theory]
    [InlineData("I10", "I10", CodeMapping.Map)]
    [InlineData("E11.9", "E11.9", CodeMapping.Map)]
    [InlineData("E11.65", "E11.6", CodeMapping.Parent)]
    [InlineData("E1165", "E11.6", CodeMapping.Parent)]
    [InlineData("e11.65", "E11.6", CodeMapping.Parent)]
    [InlineData("F32.A", "F32", CodeMapping.Parent)]
    [InlineData("I48.91", "I48", CodeMapping.Parent)]
    [InlineData("N18.6", "N18", CodeMapping.Parent)]
    [InlineData("G40.309", "G40.3", CodeMapping.Parent)]
    public void TranslateAsync_Icd10Cm_GivesTheWhoCodeOrParent(string cm, string who, CodeMapping mapping)
    {
        var code = Assert.Single(Cm(cm).Codes);

        Assert.Equal(who, code.Code);
        Assert.Equal(mapping, code.Mapping);
        Assert.Contains("icd10-who", code.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("G40.509", "G40")]
    [InlineData("G40.5", "G40")]
    [InlineData("F10.90", "F10")]
    [InlineData("F10.20", "F10.2")]
    [InlineData("O09.529", "Z35")]
    public void TranslateAsync_Icd10CmException_WinsOverTheParentRule(string cm, string who)
    {
        var code = Assert.Single(Cm(cm).Codes);

        Assert.Equal(who, code.Code);
        if (cm.StartsWith("F10.2", StringComparison.Ordinal)) Assert.Contains("icd10-who", code.Source, StringComparison.Ordinal);
        else Assert.Contains("icd10cm-exceptions row", code.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("T36.0X5A")]
    [InlineData("T50.905A")]
    [InlineData("Z3A.20")]
    public void TranslateAsync_Icd10CmExplicitlyUnmapped_ReportsAProblemAndNoCode(string cm)
    {
        var result = Cm(cm);

        Assert.Empty(result.Codes);
        Assert.Contains("reviewed exception", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("U07.1")]
    [InlineData("C4A.9")]
    [InlineData("not a code")]
    [InlineData("I")]
    public void TranslateAsync_Icd10CmWithoutWhoParent_GivesNothing(string cm) => Assert.Empty(Cm(cm).Codes);

    [Theory]
    [InlineData("49436004", "I48")]
    [InlineData("84757009", "G40.9")]
    [InlineData("88805009", "I50.0")]
    [InlineData("7200002", "F10.2")]
    [InlineData("47505003", "F43.1")]
    public void TranslateAsync_SnomedCondition_GivesTheStarterMapCodeMarkedNotAuthoritative(string sct, string who)
    {
        var code = Assert.Single(Translate(FhirSystems.Snomed, sct, target: TerminologyTarget.Icd10).Codes);

        Assert.Equal(who, code.Code);
        Assert.Equal(CodeMapping.Map, code.Mapping);
        Assert.Contains("not authoritative", code.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("399211009")] // History of myocardial infarction: a history, not mapped.
    [InlineData("162864005")] // Body mass index 30+: a finding.
    [InlineData("123")]
    public void TranslateAsync_SnomedHistoryFindingOrUnknown_GivesNothing(string sct) =>
        Assert.Empty(Translate(FhirSystems.Snomed, sct, target: TerminologyTarget.Icd10).Codes);

    [Theory]
    [InlineData(FhirSystems.RxNorm, "36437", TerminologyTarget.Icd10)]
    [InlineData(FhirSystems.Snomed, "49436004", TerminologyTarget.Atc)]
    [InlineData(FhirSystems.Icd10Cm, "I10", TerminologyTarget.Atc)]
    [InlineData("http://example.org/other", "36437", TerminologyTarget.Atc)]
    public void TranslateAsync_SystemOrTargetNotCovered_GivesNothing(string system, string code, TerminologyTarget target) =>
        Assert.Same(CodeTranslation.None, Translate(system, code, target: target));

    [Fact]
    public void Translators_ByDefault_EndWithTheDefaultMaps() =>
        Assert.IsType<DefaultTerminologyMaps>(new FhirMappingOptions().Translators[^1]);

    [Fact]
    public void Name_CarriesTheEditionOfTheShippedFiles()
    {
        Assert.Matches("^[0-9]{4}\\.[0-9]{1,2}\\.[0-9]+$", DefaultTerminologyMaps.Edition);
        Assert.Equal("CareSequencing default maps " + DefaultTerminologyMaps.Edition, Maps.Name);
    }

    [Fact]
    public void TranslateAsync_Concurrently_GivesTheSameAnswers()
    {
        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = string.Join(' ', Rx("Acetaminophen 325 MG / Oxycodone Hydrochloride 5 MG Oral Tablet").Codes.Select(c => c.Code)));

        Assert.All(results, r => Assert.Equal("N02BE01 N02AA05", r));
    }

    [Fact]
    public async Task TranslateAsync_NullCoding_Throws() =>
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Maps.TranslateAsync(null!, TerminologyTarget.Atc));
}
