using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CareSequencing.Loading;
using CareSequencing.Model;
using Json.Schema;

namespace CareSequencing.Tests.Schema;

/// <summary>The schemas' enums, patterns and shared definitions against the loader's own sets and code checks.</summary>
public sealed class SchemaDefinitionTests
{
    private static JsonNode Definition(string file, string name) =>
        EditorSchemas.Document(file)["definitions"]?[name] ?? throw new InvalidOperationException($"{file} has no definition '{name}'.");

    private static string[] Strings(JsonNode? node) => [.. node!.AsArray().Select(v => v!.GetValue<string>())];

    private static string Pattern(string file, string name) => Definition(file, name)["pattern"]!.GetValue<string>();

    [Theory]
    [InlineData(EditorSchemas.PackFile)]
    [InlineData(EditorSchemas.RuleFileFile)]
    [InlineData(EditorSchemas.ScenarioFile)]
    [InlineData(EditorSchemas.PatientFile)]
    public void Schema_IsDraft07_AndValidAgainstItsMetaSchema(string file)
    {
        var document = EditorSchemas.Document(file);
        using var json = JsonDocument.Parse(document.ToJsonString());

        Assert.Equal("http://json-schema.org/draft-07/schema#", document["$schema"]!.GetValue<string>());
        // No $id: editors then resolve the scenario schema's relative reference beside the file.
        Assert.False(document.ContainsKey("$id"));
        Assert.True(MetaSchemas.Draft7.Evaluate(json.RootElement).IsValid);
        Assert.NotNull(EditorSchemas.Get(file));
    }

    [Fact]
    public void Enums_EqualTheLoadersSets()
    {
        Assert.Equal(RuleFileReader.Families.Keys.Order(StringComparer.Ordinal), Strings(Definition(EditorSchemas.RuleFileFile, "family")["enum"]).Order(StringComparer.Ordinal));
        Assert.Equal(RuleFileReader.Statuses.Keys.Order(StringComparer.Ordinal), Strings(Definition(EditorSchemas.RuleFileFile, "status")["enum"]).Order(StringComparer.Ordinal));
        Assert.Equal(RuleFileReader.Severities.Keys.Order(StringComparer.Ordinal), Strings(Definition(EditorSchemas.RuleFileFile, "severity")["enum"]).Order(StringComparer.Ordinal));
        // Phases keep the phase table's order, so completion lists them in sequence.
        Assert.Equal(TherapeuticPhases.All, Strings(Definition(EditorSchemas.RuleFileFile, "phase")["enum"]));
        Assert.Equal(TherapeuticPhases.All, Strings(Definition(EditorSchemas.PatientFile, "phase")["enum"]));
        Assert.Equal(Languages.Supported, Strings(EditorSchemas.Document(EditorSchemas.ScenarioFile)["properties"]!["language"]!["enum"]));
    }

    [Theory]
    [InlineData(EditorSchemas.PackFile, "localizedText")]
    [InlineData(EditorSchemas.RuleFileFile, "localizedText")]
    [InlineData(EditorSchemas.RuleFileFile, "ruleText")]
    [InlineData(EditorSchemas.RuleFileFile, "interactionText")]
    public void LocalizedText_HasExactlyTheSupportedLanguages(string file, string name)
    {
        var text = Definition(file, name);

        Assert.Equal(Languages.Supported, text["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(Languages.Supported, Strings(text["required"]));
        Assert.False(text["additionalProperties"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("ruleTextValue", "conditions,medications,therapies,flags,phase,age")]
    [InlineData("interactionTextValue", "a,b,medications")]
    public void TextPatterns_AllowExactlyTheLoadersPlaceholders(string name, string expected)
    {
        var allowed = name == "ruleTextValue" ? RuleFileReader.RulePlaceholders : RuleFileReader.InteractionPlaceholders;
        var pattern = new Regex(Pattern(EditorSchemas.RuleFileFile, name), RegexOptions.CultureInvariant);

        Assert.Equal(expected.Split(',').Order(StringComparer.Ordinal), allowed.Order(StringComparer.Ordinal));
        foreach (var placeholder in allowed)
        {
            Assert.Matches(pattern, $"Before {{{placeholder}}} after.");
            Assert.Matches(pattern, $"Line one\n{{{placeholder}}}, line two {{{placeholder}}}");
        }
        foreach (var text in new[] { "{name}", "x {age } y", "{ a}", "{}", "ok {phase}{x}", "line\n{unknown}" })
            Assert.DoesNotMatch(pattern, text);
        // Braces that do not close are not placeholders, for the loader either.
        Assert.Matches(pattern, "a { b");
        Assert.DoesNotMatch(pattern, "   ");
    }

    // Every shape of code, through the schema's pattern and the loader's check (a code in a rule file
    // must already be in normal form).
    [Fact]
    public void CodePatterns_AgreeWithTheLoader()
    {
        var atc = new Regex(Pattern(EditorSchemas.RuleFileFile, "atcCode"), RegexOptions.CultureInvariant);
        var icd10 = new Regex(Pattern(EditorSchemas.RuleFileFile, "icd10Code"), RegexOptions.CultureInvariant);
        string[] atcTails = ["", "0", "06", "06A", "06AB", "06AB0", "06AB06", "06AB061", "6AB", "06a", "06AB6A", "06A1", "0BAB06"];
        string[] icdTails = ["", "1", "10", "10.", "10.2", "10.20", "10.2X1", "10.2345", "10.23456", "102", "10.2a", "1A", "10-2", "A0"];

        foreach (var first in "ABCDEFGHIJKLMNOPQRSTUVWXYZn")
        {
            foreach (var code in atcTails.Select(t => first + t))
                Assert.True(atc.IsMatch(code) == (ClinicalCodes.NormalizeAtc(code) == code), $"ATC '{code}'");
            foreach (var code in icdTails.Select(t => first + t))
                Assert.True(icd10.IsMatch(code) == (ClinicalCodes.NormalizeIcd10(code) == code), $"ICD-10 '{code}'");
        }
    }

    // The schemas are self-contained (editors load each alone); what they share must not drift apart.
    [Theory]
    [InlineData("date", EditorSchemas.PackFile, EditorSchemas.RuleFileFile)]
    [InlineData("date", EditorSchemas.PatientFile, EditorSchemas.RuleFileFile)]
    [InlineData("localizedText", EditorSchemas.PackFile, EditorSchemas.RuleFileFile)]
    [InlineData("phase", EditorSchemas.PatientFile, EditorSchemas.RuleFileFile)]
    [InlineData("ruleId", EditorSchemas.ScenarioFile, EditorSchemas.RuleFileFile)]
    public void SharedDefinition_IsTheSameInEverySchema(string name, string file, string other)
    {
        Assert.True(JsonNode.DeepEquals(Definition(file, name), Definition(other, name)), $"'{name}' differs between {file} and {other}.");
    }

    [Fact]
    public void SourceDefinitions_DifferOnlyByTheManifestsId()
    {
        var manifest = Definition(EditorSchemas.PackFile, "manifestSource")["properties"]!.AsObject();
        var inline = Definition(EditorSchemas.RuleFileFile, "inlineSource")["properties"]!.AsObject();

        Assert.Equal(["id", .. inline.Select(p => p.Key)], manifest.Select(p => p.Key));
        foreach (var (key, value) in inline) Assert.True(JsonNode.DeepEquals(value, manifest[key]), key);
    }

    [Fact]
    public void EveryProperty_HasADescription()
    {
        var missing = new List<string>();
        foreach (var file in EditorSchemas.All) Walk(EditorSchemas.Document(file), file, file);

        Assert.Empty(missing);

        void Walk(JsonNode? node, string file, string path)
        {
            if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++) Walk(array[i], file, $"{path}[{i}]");
                return;
            }
            if (node is not JsonObject schema) return;
            if (schema["properties"] is JsonObject properties)
            {
                foreach (var (key, property) in properties)
                {
                    if (!HasDescription(file, property)) missing.Add($"{path}.properties.{key}");
                }
            }
            foreach (var (key, child) in schema)
            {
                // Conditions (if/then/else) constrain properties declared elsewhere; values are not schemas.
                if (key is not ("if" or "then" or "else" or "enum" or "examples" or "defaultSnippets" or "default" or "const")) Walk(child, file, $"{path}.{key}");
            }
        }

        // A property describes itself, or refers to a definition of its file that does.
        bool HasDescription(string file, JsonNode? property) =>
            property?["description"] is not null
            || (property?["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/definitions/", StringComparison.Ordinal)
                && Definition(file, reference["#/definitions/".Length..])["description"] is not null);
    }
}
