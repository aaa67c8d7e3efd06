using System.Diagnostics;
using CareSequencing.Fhir;
using CareSequencing.Fhir.Terminology;
using CareSequencing.Loading;

namespace CareSequencing.Tests.Fhir.Terminology;

public sealed class ConceptMapTranslatorTests
{
    private const string Cip = "urn:oid:1.2.250.1.213.2.3.2";
    private static readonly Lazy<CompiledRuleSet> Shipped = new(() => RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow());

    private static string CipMapPath => Path.Combine(TestData.Fixtures, "fhir", "conceptmaps", "cip13-atc.json");

    /// <summary>A ConceptMap with one group; <paramref name="groupBody"/> is the group's JSON after its source and target.</summary>
    private static string Map(string groupBody, string target = FhirSystems.Atc, string extraGroup = "") => $$"""
        {
          "resourceType": "ConceptMap", "id": "m1", "url": "https://example.org/cm", "version": "2", "name": "TestMap", "status": "draft",
          "group": [ { "source": "{{Cip}}", "target": "{{target}}", {{groupBody}} }{{extraGroup}} ]
        }
        """;

    private static string Element(string code, string targetCode, string equivalence) =>
        $$"""{ "code": "{{code}}", "target": [ { "code": "{{targetCode}}", "equivalence": "{{equivalence}}" } ] }""";

    // R4 wants at least one element in a group.
    private static readonly string Other = Element("000", "A01AA01", "equivalent");

    private static CodeTranslation Translate(ConceptMapTranslator translator, string code, TerminologyTarget target = TerminologyTarget.Atc, string? version = null) =>
        Translate(translator, new SourceCoding(Cip, code) { Version = version }, target);

    private static CodeTranslation Translate(ConceptMapTranslator translator, SourceCoding coding, TerminologyTarget target)
    {
#pragma warning disable CA2012 // completion is asserted before the result is read
        var pending = translator.TranslateAsync(coding, target);
        // In memory, so already complete: the synchronous mapper must never block on it.
        Assert.True(pending.IsCompletedSuccessfully);
        return pending.Result;
#pragma warning restore CA2012
    }

    [Theory]
    [InlineData("equivalent")]
    [InlineData("equal")]
    [InlineData("wider")]
    [InlineData("subsumes")]
    public void TranslateAsync_ExactEquivalence_GivesTheCodeWithoutProblem(string equivalence)
    {
        var translator = ConceptMapTranslator.FromJson(Map($"\"element\": [ {Element("111", "N06AB06", equivalence)} ]"));

        var result = Translate(translator, "111");

        var code = Assert.Single(result.Codes);
        Assert.Equal("N06AB06", code.Code);
        Assert.Equal(CodeMapping.Map, code.Mapping);
        Assert.Equal("ConceptMap https://example.org/cm|2: group 1 element 1", code.Source);
        Assert.Empty(result.Problems);
    }

    [Theory]
    [InlineData("narrower")]
    [InlineData("specializes")]
    [InlineData("inexact")]
    [InlineData("relatedto")]
    public void TranslateAsync_NotExactEquivalence_GivesTheCodeAndSaysTheMapIsNotExact(string equivalence)
    {
        var translator = ConceptMapTranslator.FromJson(Map($"\"element\": [ {Element("111", "N06AB06", equivalence)} ]"));

        var result = Translate(translator, "111");

        Assert.Equal("N06AB06", Assert.Single(result.Codes).Code);
        var problem = Assert.Single(result.Problems);
        Assert.Contains($"'{equivalence}', not exact", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("111", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unmatched")]
    [InlineData("disjoint")]
    public void TranslateAsync_NoMatchEquivalence_GivesNoCodeAndTheUnmappedRuleIsNotApplied(string equivalence)
    {
        var translator = ConceptMapTranslator.FromJson(Map(
            $"\"element\": [ {Element("111", "N06AB06", equivalence)} ], \"unmapped\": {{ \"mode\": \"fixed\", \"code\": \"N02AX02\" }}"));

        var result = Translate(translator, "111");

        Assert.Empty(result.Codes);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void TranslateAsync_CodeNotInMap_GivesNone()
    {
        var translator = ConceptMapTranslator.FromJson(Map($"\"element\": [ {Element("111", "N06AB06", "equivalent")} ]"));

        Assert.Same(CodeTranslation.None, Translate(translator, "222"));
        Assert.Same(CodeTranslation.None, Translate(translator, new SourceCoding("http://other", "111"), TerminologyTarget.Atc));
    }

    [Fact]
    public void TranslateAsync_ElementWithSeveralTargets_GivesEachCodeOnceInOrderWithTheirDisplays()
    {
        var translator = ConceptMapTranslator.FromJson(Map("""
            "element": [ { "code": "111", "target": [
              { "code": "N02AJ13", "display": "tramadol and paracetamol", "equivalence": "equivalent" },
              { "code": "N02BE01", "equivalence": "disjoint" },
              { "code": "N02AJ13", "equivalence": "wider" } ] } ]
            """));

        var result = Translate(translator, "111");

        var code = Assert.Single(result.Codes);
        Assert.Equal("tramadol and paracetamol", code.Name);
    }

    [Fact]
    public void TranslateAsync_UnmappedProvided_GivesTheCodeSent()
    {
        var translator = ConceptMapTranslator.FromJson(Map($"\"element\": [ {Other} ], \"unmapped\": {{ \"mode\": \"provided\" }}", target: FhirSystems.Icd10));

        var result = Translate(translator, new SourceCoding(Cip, "F32.1"), TerminologyTarget.Icd10);

        var code = Assert.Single(result.Codes);
        Assert.Equal("F32.1", code.Code);
        Assert.Equal("ConceptMap https://example.org/cm|2: group 1 unmapped (provided)", code.Source);
    }

    [Fact]
    public void TranslateAsync_UnmappedFixed_GivesTheFixedCode_ButNotForAMappedCode()
    {
        var translator = ConceptMapTranslator.FromJson(Map(
            $"\"element\": [ {Element("111", "N06AB06", "equivalent")} ], \"unmapped\": {{ \"mode\": \"fixed\", \"code\": \"N02AX02\" }}"));

        Assert.Equal("N02AX02", Assert.Single(Translate(translator, "999").Codes).Code);
        Assert.Equal("N06AB06", Assert.Single(Translate(translator, "111").Codes).Code);
    }

    [Fact]
    public void TranslateAsync_UnmappedOtherMap_IsNotFollowedAndSaysSo()
    {
        var translator = ConceptMapTranslator.FromJson(Map($"\"element\": [ {Other} ], \"unmapped\": {{ \"mode\": \"other-map\", \"url\": \"https://example.org/other\" }}"));

        var result = Translate(translator, "999");

        Assert.Empty(result.Codes);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("'other-map' (https://example.org/other) is not followed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_GroupTargetingAnotherSystem_IsIgnoredWithAReason()
    {
        var translator = ConceptMapTranslator.FromJson(Map($"\"element\": [ {Element("111", "12345", "equivalent")} ]", target: FhirSystems.Snomed));

        Assert.Same(CodeTranslation.None, Translate(translator, "111"));
        var reason = Assert.Single(translator.Ignored);
        Assert.Contains("targets 'http://snomed.info/sct', not WHO ATC or WHO ICD-10", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FhirSystems.Atc, TerminologyTarget.Atc)]
    [InlineData(FhirSystems.AtcOid, TerminologyTarget.Atc)]
    [InlineData(FhirSystems.Icd10, TerminologyTarget.Icd10)]
    [InlineData(FhirSystems.Icd10Oid, TerminologyTarget.Icd10)]
    public void TranslateAsync_TargetByUriOrOid_AnswersOnlyForThatTarget(string system, TerminologyTarget target)
    {
        var translator = ConceptMapTranslator.FromJson(Map($"\"element\": [ {Element("111", "X", "equivalent")} ]", target: system));
        var other = target == TerminologyTarget.Atc ? TerminologyTarget.Icd10 : TerminologyTarget.Atc;

        Assert.Single(Translate(translator, "111", target).Codes);
        Assert.Empty(Translate(translator, "111", other).Codes);
        Assert.Empty(translator.Ignored);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("2024", true)]
    [InlineData("2025", false)]
    public void TranslateAsync_SourceVersion_ComparedOnlyWhenBothAreGiven(string? version, bool found)
    {
        var translator = ConceptMapTranslator.FromJson(Map($"\"sourceVersion\": \"2024\", \"element\": [ {Element("111", "N06AB06", "equivalent")} ]"));

        Assert.Equal(found, Translate(translator, "111", version: version).Codes.Count == 1);
    }

    [Fact]
    public void TranslateAsync_GroupsInOrder_TheFirstWithCodesWins()
    {
        var second = $$""", { "source": "{{Cip}}", "target": "{{FhirSystems.Atc}}", "element": [ {{Element("111", "N02AX02", "equivalent")}}, {{Element("222", "N05BA01", "equivalent")}} ] }""";
        var translator = ConceptMapTranslator.FromJson(Map($"\"element\": [ {Element("111", "N06AB06", "equivalent")}, {Element("222", "N06AB06", "unmatched")} ]", extraGroup: second));

        Assert.Equal("N06AB06", Assert.Single(Translate(translator, "111").Codes).Code);
        var fromSecond = Assert.Single(Translate(translator, "222").Codes);
        Assert.Equal("N05BA01", fromSecond.Code);
        Assert.Equal("ConceptMap https://example.org/cm|2: group 2 element 2", fromSecond.Source);
    }

    [Fact]
    public void Name_NamesTheMapAndItsVersion()
    {
        Assert.Equal("ConceptMap TestMap 2", ConceptMapTranslator.FromJson(Map($"\"element\": [ {Other} ], \"unmapped\": {{ \"mode\": \"provided\" }}")).Name);
        Assert.Equal("ConceptMap Cip13AtcTest 1.0.0", ConceptMapTranslator.FromFile(CipMapPath).Name);
    }

    [Theory]
    [InlineData("{ \"resourceType\": \"ConceptMap\", \"status\": \"draft\" \"id\": \"x\" }", 1, 51, "not valid JSON")]
    [InlineData("{\n  \"resourceType\": \"ConceptMap\",\n  \"status\": \"draft\",\n  \"priorty\": 1\n}", 4, null, "unknown element 'priorty'")]
    [InlineData("{\n  \"resourceType\": \"ConceptMap\",\n  \"status\": \"draft\",\n  \"group\": [ { \"element\": [ { \"code\": \"1\", \"target\": [ { \"code\": \"A\", \"equivalence\": \"same\" } ] } ] } ]\n}", 4, null, "not a correct code")]
    public void FromFile_InvalidConceptMap_ThrowsWithTheFileLineAndColumn(string json, int line, int? column, string reason)
    {
        var path = Path.Combine(Path.GetTempPath(), $"csq-cm-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var error = Assert.Throws<ConceptMapException>(() => ConceptMapTranslator.FromFile(path));

            Assert.Equal(path, error.File);
            Assert.Equal(line, error.Line);
            if (column is { } c) Assert.Equal(c, error.Column);
            Assert.NotNull(error.Column);
            Assert.StartsWith($"{path}:{line}:{error.Column}: ", error.Message, StringComparison.Ordinal);
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("{ \"resourceType\": \"Patient\", \"id\": \"p\" }", "a FHIR Patient, not a ConceptMap")]
    [InlineData("{ \"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [ { \"resource\": { \"resourceType\": \"Patient\", \"id\": \"p\" } } ] }", "Bundle.entry[0] is a Patient, not a ConceptMap")]
    [InlineData("[1, 2]", "not a FHIR R4 resource")]
    public void FromJson_NotAConceptMap_Throws(string json, string reason)
    {
        var error = Assert.Throws<ConceptMapException>(() => ConceptMapTranslator.FromJson(json, "host.json"));

        Assert.StartsWith("host.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_TargetWithoutCode_ThrowsNamingTheEntry()
    {
        var json = Map("\"element\": [ { \"code\": \"111\", \"target\": [ { \"equivalence\": \"equivalent\" } ] } ]");

        var error = Assert.Throws<ConceptMapException>(() => ConceptMapTranslator.FromJson(json, "host.json"));

        Assert.Contains("group 1 element 1 target 1 has no code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFolder_ReadsEveryJsonFileInOrdinalOrder_AndAnEmptyFolderIsAnError()
    {
        var folder = Directory.CreateTempSubdirectory("csq-cm-").FullName;
        try
        {
            // "B" sorts before "a" ordinally: its map is asked first.
            File.WriteAllText(Path.Combine(folder, "a.json"), Map($"\"element\": [ {Element("111", "N06AB06", "equivalent")}, {Element("333", "N05BA01", "equivalent")} ]"));
            File.WriteAllText(Path.Combine(folder, "B.json"), Map($"\"element\": [ {Element("111", "N02AX02", "equivalent")} ]").Replace("TestMap", "Other", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(folder, "notes.txt"), "not read");

            var translator = ConceptMapTranslator.FromPath(folder);

            Assert.Equal("N02AX02", Assert.Single(Translate(translator, "111").Codes).Code);
            Assert.Equal("N05BA01", Assert.Single(Translate(translator, "333").Codes).Code);
            Assert.Equal("ConceptMaps Other 2, TestMap 2", translator.Name);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        var empty = Directory.CreateTempSubdirectory("csq-cm-").FullName;
        try
        {
            Assert.Contains("no *.json file", Assert.Throws<ConceptMapException>(() => ConceptMapTranslator.FromFolder(empty)).Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void FromBundle_BundleOfConceptMaps_UsesEach()
    {
        var map = new Hl7.Fhir.Model.ConceptMap { Id = "host", Status = Hl7.Fhir.Model.PublicationStatus.Active };
        map.Group.Add(new() { Source = Cip, Target = FhirSystems.Atc });
        map.Group[0].Element.Add(new() { Code = "3400934034190" });
        map.Group[0].Element[0].Target.Add(new() { Code = "N06AB06", Equivalence = Hl7.Fhir.Model.ConceptMapEquivalence.Wider });
        var bundle = new Hl7.Fhir.Model.Bundle { Type = Hl7.Fhir.Model.Bundle.BundleType.Collection };
        bundle.Entry.Add(new() { Resource = map });

        var translator = ConceptMapTranslator.FromBundle(bundle);

        Assert.Equal("N06AB06", Assert.Single(Translate(translator, "3400934034190").Codes).Code);
    }

    [Fact]
    public void TranslateAsync_MapOf100000Elements_LooksUpInMicroseconds()
    {
        var elements = string.Join(",", Enumerable.Range(0, 100_000).Select(i => Element(i.ToString("D13", System.Globalization.CultureInfo.InvariantCulture), "N06AB06", "equivalent")));
        var translator = ConceptMapTranslator.FromJson(Map($"\"element\": [ {elements} ]"));
        var coding = new SourceCoding(Cip, 99_999.ToString("D13", System.Globalization.CultureInfo.InvariantCulture));

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 100_000; i++) Assert.Single(Translate(translator, coding, TerminologyTarget.Atc).Codes);
        watch.Stop();

        // 100,000 lookups in well under a second: a dictionary read each, not a scan (a scan would take minutes).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), watch.Elapsed.ToString());
    }

    [Fact]
    public void Evaluate_Cip13BundleWithHostConceptMap_RaisesTheSsriTramadolAlertFromMappedCodes()
    {
        var options = new FhirMappingOptions();
        options.Translators.Insert(0, ConceptMapTranslator.FromFile(CipMapPath));
        var patient = FhirPatientContextMapper.FromJson(File.ReadAllText(Path.Combine(TestData.Fixtures, "fhir", "cip13-sertraline-tramadol.json")), options);

        var advice = TestData.Evaluator(Shipped.Value).Evaluate(patient);

        Assert.Equal(["N06AB06", "N02AX02"], patient.Medications.Select(m => m.Code));
        Assert.All(patient.Medications, m =>
        {
            Assert.Equal(CodeMapping.Map, m.Origin?.Mapping);
            Assert.Equal(Cip, m.Origin?.System);
            Assert.StartsWith("ConceptMap https://caresequencing.org/fhir/ConceptMap/test-cip13-atc|1.0.0: group 1 element ", m.Origin?.Source, StringComparison.Ordinal);
        });
        Assert.Equal("3400934034190", patient.Medications[0].Origin?.Code);
        Assert.Contains(advice.Alerts, a => a.RuleId == "ix.ssri-tramadol" && a.Codes.Contains("N06AB06") && a.Codes.Contains("N02AX02"));
    }

    [Fact]
    public void Evaluate_Cip13BundleWithoutTheMap_RaisesNoInteractionAlert()
    {
        var options = new FhirMappingOptions();
        options.Translators.Clear();
        var patient = FhirPatientContextMapper.FromJson(File.ReadAllText(Path.Combine(TestData.Fixtures, "fhir", "cip13-sertraline-tramadol.json")), options);

        var advice = TestData.Evaluator(Shipped.Value).Evaluate(patient);

        Assert.Empty(patient.Medications);
        Assert.DoesNotContain(advice.Alerts, a => a.RuleId == "ix.ssri-tramadol");
        Assert.NotEmpty(patient.InputWarnings);
    }
}
