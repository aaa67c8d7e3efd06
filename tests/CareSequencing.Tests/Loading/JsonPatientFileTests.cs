using CareSequencing.Loading;

namespace CareSequencing.Tests.Loading;

/// <summary>A <c>.json</c> patient file is held to JSON: YAML's flow style would accept a trailing comma or a missing one.</summary>
public sealed class JsonPatientFileTests
{
    private static string Write(string fileName, string text)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"csq-jsonpatient-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("{\n  \"id\": \"x\",\n  \"age\": 40\n  \"sex\": \"female\"\n}\n", 4, 3)]
    [InlineData("{ \"id\": \"x\", }", 1, 14)]
    [InlineData("", 1, 1)]
    public void ReadFile_InvalidJson_IsCsq3010AtLineAndColumn(string text, int line, int column)
    {
        var error = Assert.Throws<PatientContextFormatException>(() => PatientContextReader.ReadFile(Write("p.json", text)));

        Assert.Equal(("CSQ3010", line, column), (error.Code, error.Line, error.Column));
        Assert.StartsWith($"({line},{column}): CSQ3010: Invalid JSON: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_ValidJson_IsRead()
    {
        var patient = PatientContextReader.ReadFile(Write("p.json", """{ "id": "j-1", "conditions": [ { "code": "F32.1" } ] }"""));

        Assert.Equal("j-1", patient.Id);
        Assert.Equal("F32.1", Assert.Single(patient.Conditions).Code);
    }

    [Fact]
    public void ReadFile_FlowStyleYaml_IsStillYaml()
    {
        var patient = PatientContextReader.ReadFile(Write("p.yaml", "{ id: y-1, conditions: [ { code: F32.1 }, ] }"));

        Assert.Equal("y-1", patient.Id);
    }
}
