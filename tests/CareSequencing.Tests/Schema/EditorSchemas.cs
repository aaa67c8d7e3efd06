using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace CareSequencing.Tests.Schema;

/// <summary>The editor schemas in <c>rules/schema/</c>, read from the repository as an editor reads them.</summary>
internal static class EditorSchemas
{
    public const string PackFile = "pack.schema.json";
    public const string RuleFileFile = "rule-file.schema.json";
    public const string ScenarioFile = "scenario.schema.json";
    public const string PatientFile = "patient.schema.json";

    public static readonly string[] All = [PackFile, RuleFileFile, ScenarioFile, PatientFile];

    public static string Folder => Path.Combine(TestData.RepositoryRoot, "rules", "schema");

    private static readonly Lazy<IReadOnlyDictionary<string, JsonSchema>> Built = new(Build);

    // Formats are asserted, as the editor asserts them (date, uri).
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };

    public static JsonSchema Get(string file) => Built.Value[file];

    /// <summary>The schema's JSON text, for reading its definitions.</summary>
    public static JsonObject Document(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, file)))!.AsObject();

    /// <summary>
    /// Validates <paramref name="instance"/>; returns one line per failed keyword, as
    /// "instance-location keyword: message" (empty when valid).
    /// </summary>
    public static IReadOnlyList<string> Errors(string schemaFile, JsonNode? instance)
    {
        using var document = JsonDocument.Parse(instance?.ToJsonString() ?? "null");
        var results = Get(schemaFile).Evaluate(document.RootElement, Options);
        var errors = new List<string>();
        Collect(results, errors);
        return results.IsValid ? [] : errors.Count == 0 ? ["(invalid, no message)"] : errors;
    }

    // Only the failures that make the document invalid, as an editor reports them: not the failed
    // branches of an anyOf that passed, nor the 'if' of a condition.
    private static void Collect(EvaluationResults node, List<string> errors)
    {
        if (node.IsValid) return;
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
            errors.Add($"{node.InstanceLocation} {keyword}: {message}");
        foreach (var group in (node.Details ?? []).GroupBy(Applicator))
        {
            var valid = group.Count(c => c.IsValid);
            switch (group.Key)
            {
                case "if":
                case "anyOf" when valid > 0:
                case "oneOf" when valid == 1:
                    break;
                case "oneOf" when valid > 1:
                    errors.Add($"{node.InstanceLocation} oneOf: {valid} subschemas match; exactly one must");
                    break;
                default:
                    foreach (var child in group) Collect(child, errors);
                    break;
            }
        }
    }

    /// <summary>The applicator that evaluated a child ("anyOf" for ".../anyOf/1"), or "" for the others.</summary>
    private static string Applicator(EvaluationResults child)
    {
        var segments = child.EvaluationPath.ToString().Split('/');
        if (segments[^1] == "if") return "if";
        return segments.Length >= 2 && segments[^2] is "anyOf" or "oneOf" ? segments[^2] : "";
    }

    /// <summary>The schema for a file of the repository, by where it lives (the modeline each kind of file would carry).</summary>
    public static string For(string relativePath)
    {
        var parts = relativePath.Replace('\\', '/').Split('/');
        if (parts[^1] == "pack.yaml") return PackFile;
        if (parts.Length >= 2 && parts[^2] == "scenarios") return ScenarioFile;
        if (parts.Length >= 2 && parts[^2] == "patients") return PatientFile;
        return RuleFileFile;
    }

    private static Dictionary<string, JsonSchema> Build()
    {
        // One registry for the four files: the scenario schema refers to the patient schema by
        // relative path, which resolves against the scenario schema's file URI, as in an editor.
        // The patient schema is built first so that the reference finds it.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var file in new[] { PatientFile, PackFile, RuleFileFile, ScenarioFile })
            schemas[file] = JsonSchema.FromFile(Path.Combine(Folder, file), options);
        return schemas;
    }
}
