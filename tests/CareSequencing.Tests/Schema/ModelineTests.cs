using System.Text.RegularExpressions;
using CareSequencing.Authoring.Scenarios;
using CareSequencing.Loading;

namespace CareSequencing.Tests.Schema;

/// <summary>
/// The modelines that docs/rule-format.md tells authors to put on each file's first line: they
/// point at the right schema, and every reader accepts a file that starts with one.
/// </summary>
public sealed partial class ModelineTests
{
    [GeneratedRegex(@"^\| `(?<file>[^`]+)` \| `(?<modeline># yaml-language-server: \$schema=(?<schema>[^`]+))` \|$", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex DocumentedModeline();

    private static Dictionary<string, (string Modeline, string Schema)> Documented()
    {
        var docs = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "docs", "rule-format.md")).ReplaceLineEndings("\n");
        return DocumentedModeline().Matches(docs).ToDictionary(
            m => m.Groups["file"].Value,
            m => (m.Groups["modeline"].Value, m.Groups["schema"].Value),
            StringComparer.Ordinal);
    }

    private static string Modeline(string file) => Documented()[file].Modeline + "\n";

    [Fact]
    public void Docs_GiveAModelinePerKindOfFile_ThatResolvesToItsSchema()
    {
        var documented = Documented();

        Assert.Equal(
            ["rules/<pack>/pack.yaml", "rules/<pack>/rules/<name>.yaml", "rules/<pack>/scenarios/<name>.yaml", "samples/patients/<name>.yaml"],
            documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, (_, schema)) in documented)
        {
            var example = file.Replace("<pack>", "care-sequencing", StringComparison.Ordinal).Replace("<name>", "example", StringComparison.Ordinal);
            var folder = Path.GetDirectoryName(Path.Combine(TestData.RepositoryRoot, example))!;

            Assert.Equal(Path.Combine(EditorSchemas.Folder, EditorSchemas.For(example)), Path.GetFullPath(Path.Combine(folder, schema)));
        }
    }

    [Fact]
    public void RulePackLoader_AcceptsFilesStartingWithTheModeline()
    {
        string[] files = ["pack.yaml", "rules/rules.yaml", "rules/interactions.yaml"];
        var plain = RulePackLoader.Load(TestData.BasicPack);
        var withModelines = TestData.TempPack([.. files.Select(f => (f, (f == "pack.yaml" ? Modeline("rules/<pack>/pack.yaml") : Modeline("rules/<pack>/rules/<name>.yaml"))
            + File.ReadAllText(Path.Combine(TestData.BasicPack, f))))]);

        var result = RulePackLoader.Load(withModelines);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal(plain.RuleSet.RuleCount, result.RuleSet.RuleCount);
        Assert.Equal(plain.RuleSet.Interactions.Length, result.RuleSet.Interactions.Length);
        Assert.Equal(plain.Diagnostics.Select(d => (d.Code, d.Location.Line + 1)), result.Diagnostics.Select(d => (d.Code, d.Location.Line)));
        Assert.All(files, f => Assert.StartsWith("# yaml-language-server:", File.ReadAllText(Path.Combine(withModelines, f)), StringComparison.Ordinal));
    }

    [Fact]
    public void ScenarioAndPatientReaders_AcceptFilesStartingWithTheModeline()
    {
        var folder = TestData.TempPack(
            ("scenario.yaml", Modeline("rules/<pack>/scenarios/<name>.yaml") + "language: fr\npatient: { id: p-1, age: 40 }\n"),
            ("patient.yaml", Modeline("samples/patients/<name>.yaml") + File.ReadAllText(Path.Combine(TestData.Fixtures, "patient-full.yaml"))));

        var scenario = Scenario.Read(Path.Combine(folder, "scenario.yaml"), "s");
        var patient = PatientContextReader.ReadFile(Path.Combine(folder, "patient.yaml"));

        Assert.Equal(("fr", "p-1", 40), (scenario.Language, scenario.Patient.Id, scenario.Patient.Age));
        Assert.Empty(patient.InputWarnings);
        Assert.Equal(TestData.FullPatient with { InputWarnings = [] }, patient with { InputWarnings = [] }, PatientComparer.Instance);
    }

    /// <summary>Records compare their lists by reference; this compares what was read.</summary>
    private sealed class PatientComparer : IEqualityComparer<PatientContext>
    {
        public static readonly PatientComparer Instance = new();

        public bool Equals(PatientContext? x, PatientContext? y) =>
            x is not null && y is not null
            && (x.Id, x.BirthDate, x.Age, x.Sex, x.Phase.Current) == (y.Id, y.BirthDate, y.Age, y.Sex, y.Phase.Current)
            && x.Conditions.SequenceEqual(y.Conditions) && x.Medications.SequenceEqual(y.Medications)
            && x.Therapies.SequenceEqual(y.Therapies) && x.Flags.SequenceEqual(y.Flags)
            && x.Phase.Completed.SequenceEqual(y.Phase.Completed)
            && x.Preferences.Declined.SequenceEqual(y.Preferences.Declined) && x.Preferences.Preferred.SequenceEqual(y.Preferences.Preferred);

        public int GetHashCode(PatientContext obj) => obj.Id?.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
