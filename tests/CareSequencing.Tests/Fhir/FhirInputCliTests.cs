using System.Text.Json;
using CareSequencing.Tests.Cli;

namespace CareSequencing.Tests.Fhir;

/// <summary><c>eval</c> on patient files as they come: FHIR told by content whatever the extension, JSON errors at line:col.</summary>
public sealed class FhirInputCliTests
{
    private static readonly string[] Common = ["--rules", TestData.ShippedRules, "--format", "json", "--as-of", "2026-11-23"];

    private static string Fixture(params string[] parts) => Path.Combine([TestData.Fixtures, "fhir", .. parts]);

    private static string Copy(string source, string fileName)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"csq-fhirin-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        File.Copy(source, path);
        return path;
    }

    private static string Write(string fileName, string text)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"csq-fhirin-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("bundle.json")]
    [InlineData("bundle.txt")]
    [InlineData("bundle.fhir")]
    [InlineData("bundle")]
    [InlineData("bundle.yaml")]
    public void Eval_FhirBundle_AnyExtension_IsReadAsFhirAndSaysSo(string fileName)
    {
        var file = Copy(Fixture("double-diagnosis-alcohol.json"), fileName);

        var (exit, stdout, stderr) = CliRunner.Run(["eval", file, .. Common]);

        Assert.True(exit == 0, stderr);
        Assert.Equal("Read as a FHIR R4 Bundle in JSON (collection, 9 entr(ies)).", stderr.Trim());
        using var advice = JsonDocument.Parse(stdout);
        Assert.Equal("p-001", advice.RootElement.GetProperty("patientId").GetString());
        Assert.NotEqual(0, advice.RootElement.GetProperty("alerts").GetArrayLength());
    }

    [Theory]
    [InlineData("bundle.xml")]
    [InlineData("bundle.txt")]
    [InlineData("bundle")]
    public void Eval_FhirXmlBundle_GivesTheSameAlertsAsTheJsonBundle(string fileName)
    {
        var xml = CliRunner.Run(["eval", Copy(Fixture("double-diagnosis-alcohol.xml"), fileName), .. Common]);
        var json = CliRunner.Run(["eval", Fixture("double-diagnosis-alcohol.json"), .. Common]);

        Assert.True(xml.Exit == 0, xml.Err);
        Assert.Equal("Read as a FHIR R4 Bundle in XML (transaction, 5 entr(ies)).", xml.Err.Trim());
        using var fromXml = JsonDocument.Parse(xml.Out);
        using var fromJson = JsonDocument.Parse(json.Out);
        Assert.Equal(fromJson.RootElement.GetProperty("alerts").GetRawText(), fromXml.RootElement.GetProperty("alerts").GetRawText());
    }

    [Theory]
    [InlineData("hl7/medicationrequest0301.json", "mr.fhir", "Read as a FHIR R4 MedicationRequest in JSON (a single resource).")]
    [InlineData("condition-icd10.json", "condition", "Read as a FHIR R4 Condition in JSON (a single resource).")]
    [InlineData("hl7/patient-example.xml", "patient.txt", "Read as a FHIR R4 Patient in XML (a single resource).")]
    [InlineData("hl7/condition-example-f201-fever.xml", "c.xml", "Read as a FHIR R4 Condition in XML (a single resource).")]
    public void Eval_SingleResource_IsReadAndNamed(string fixture, string fileName, string expected)
    {
        var (exit, _, stderr) = CliRunner.Run(["eval", Copy(Fixture(fixture.Split('/')), fileName), .. Common]);

        Assert.True(exit == 0, stderr);
        Assert.Equal(expected, stderr.Trim());
    }

    [Fact]
    public void Eval_SingleResource_French_SaysSoInFrench()
    {
        var (exit, _, stderr) = CliRunner.Run(["eval", Fixture("condition-icd10.json"), .. Common, "--lang", "fr"]);

        Assert.Equal(0, exit);
        Assert.Equal("Lu comme une ressource FHIR R4 Condition en JSON (une ressource seule).", stderr.Trim());
    }

    [Theory]
    [InlineData("""{ "resourceType": "Foo", "id": "x" }""", "its resourceType 'Foo' is not a FHIR R4 resource type")]
    [InlineData("""{ "resourceType": "Resource" }""", "its resourceType 'Resource' is not a FHIR R4 resource type")]
    [InlineData("""{ "resourceType": 3 }""", "its resourceType is not a string")]
    [InlineData("""{ "resourceType": "<b>x y</b>" }""", "its resourceType (not a name) is not")]
    [InlineData("<patient><id>x</id></patient>", "it is XML but not FHIR")]
    public void Eval_JsonOrXmlThatIsNotFhir_IsAClearError(string text, string expected)
    {
        var (exit, stdout, stderr) = CliRunner.Run(["eval", Write("p.json", text), .. Common]);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("cannot read patient file p.json: " + expected, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", stderr, StringComparison.Ordinal);
    }

    [Theory]
    // A missing comma before line 4's member, in FHIR JSON and in the project's own JSON.
    [InlineData("p.json", "{\n  \"resourceType\": \"Bundle\",\n  \"type\": \"collection\"\n  \"entry\": []\n}\n", 4, 3)]
    [InlineData("p.fhir", "{\n  \"resourceType\": \"Bundle\",\n  \"type\": \"collection\"\n  \"entry\": []\n}\n", 4, 3)]
    [InlineData("p.json", "{\n  \"id\": \"x\",\n  \"age\": 40\n  \"sex\": \"female\"\n}\n", 4, 3)]
    // A trailing comma, which the YAML reader would accept, silently: the column is the bracket's.
    [InlineData("p.json", "{\n  \"id\": \"x\",\n  \"conditions\": [ { \"code\": \"F10\" }, ]\n}\n", 3, 38)]
    // Columns count characters, not UTF-8 bytes: 'é' is two bytes.
    [InlineData("p.json", "{ \"id\": \"é\" \"age\": 1 }", 1, 13)]
    [InlineData("p", "{ \"id\": \"x\", }", 1, 14)]
    public void Eval_InvalidJson_IsReportedAsJsonAtLineAndColumn(string fileName, string text, int line, int column)
    {
        var file = Write(fileName, text);

        var (exit, _, stderr) = CliRunner.Run(["eval", file, .. Common]);

        Assert.Equal(2, exit);
        Assert.StartsWith($"{file}:{line}:{column}: error CSQ3010: Invalid JSON: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("YAML", stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("flow mapping", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_InvalidYaml_IsReportedAtLineAndColumnToo()
    {
        var file = Write("p.yaml", "id: x\nconditions: [broken\n");

        var (exit, _, stderr) = CliRunner.Run(["eval", file, .. Common]);

        Assert.Equal(2, exit);
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(file)}:\\d+:\\d+: error CSQ3010: ", stderr);
    }

    [Fact]
    public void Eval_FlowStyleYamlFile_IsStillYaml()
    {
        // YAML's flow style is not JSON (unquoted keys): a .yaml file is never held to JSON.
        var file = Write("p.yaml", "{ id: flow-1, sex: female }\n");

        var (exit, stdout, stderr) = CliRunner.Run(["eval", file, .. Common]);

        Assert.True(exit == 0, stderr);
        Assert.Empty(stderr);
        Assert.Contains("\"patientId\": \"flow-1\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_ProjectJsonPatient_IsNotSaidToBeFhir()
    {
        var file = Write("p.json", """{ "id": "own-1", "sex": "female", "conditions": [ { "code": "F32.1" } ] }""");

        var (exit, stdout, stderr) = CliRunner.Run(["eval", file, .. Common]);

        Assert.True(exit == 0, stderr);
        Assert.Empty(stderr);
        Assert.Contains("\"patientId\": \"own-1\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_FhirSingleResource_IsReadToo()
    {
        var (exit, _, stderr) = CliRunner.Run("explain", Fixture("condition-icd10.json"), "--rule", "dd.integrated-plan",
            "--rules", TestData.ShippedRules, "--as-of", "2026-11-23");

        Assert.DoesNotContain("cannot read patient file", stderr, StringComparison.Ordinal);
        Assert.Contains("Read as a FHIR R4 Condition in JSON", stderr, StringComparison.Ordinal);
        Assert.NotEqual(2, exit);
    }
}
