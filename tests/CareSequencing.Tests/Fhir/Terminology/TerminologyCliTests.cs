using System.Text.Json;
using CareSequencing.Tests.Cli;

namespace CareSequencing.Tests.Fhir.Terminology;

/// <summary><c>--concept-map</c>, <c>--terminology-server</c> and <c>--terminology-timeout</c> on the commands that read FHIR input.</summary>
public sealed class TerminologyCliTests
{
    private static string Bundle => Path.Combine(TestData.Fixtures, "fhir", "cip13-sertraline-tramadol.json");

    private static string MapFile => Path.Combine(TestData.Fixtures, "fhir", "conceptmaps", "cip13-atc.json");

    private static string[] Eval(params string[] flags) => ["eval", Bundle, "--rules", TestData.ShippedRules, "--format", "json", "--as-of", "2026-11-23", .. flags];

    private static List<string> AlertIds(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("ruleId").GetString()!).ToList();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Eval_Cip13BundleWithConceptMap_RaisesTheInteraction_FromAFileOrAFolder(bool folder)
    {
        var result = CliRunner.Run(Eval("--concept-map", folder ? Path.GetDirectoryName(MapFile)! : MapFile));

        Assert.True(result.Exit == 0, result.Err);
        Assert.Contains("ix.ssri-tramadol", AlertIds(result.Out));
    }

    [Fact]
    public void Eval_Cip13BundleWithoutConceptMap_RaisesNoInteraction()
    {
        var result = CliRunner.Run(Eval());

        Assert.True(result.Exit == 0, result.Err);
        Assert.DoesNotContain("ix.ssri-tramadol", AlertIds(result.Out));
    }

    [Fact]
    public void Eval_ConceptMapBeforeServer_TheServerIsNotAskedForCodesTheMapKnows()
    {
        using var server = new TranslateServer();

        var result = CliRunner.Run(Eval("--concept-map", MapFile, "--terminology-server", server.BaseUri.ToString(), "--terminology-timeout", "2.5"));

        Assert.True(result.Exit == 0, result.Err);
        Assert.Contains("ix.ssri-tramadol", AlertIds(result.Out));
        Assert.Equal(0, server.Calls);
    }

    [Fact]
    public void Eval_ServerOnly_TranslatesThroughTheServer()
    {
        using var server = new TranslateServer();

        var result = CliRunner.Run(Eval("--terminology-server", server.BaseUri.ToString()));

        Assert.True(result.Exit == 0, result.Err);
        Assert.Equal(2, server.Calls);
    }

    [Theory]
    [InlineData("eval")]
    [InlineData("explain")]
    public void FhirCommand_HasTheTerminologyFlags(string command)
    {
        var options = CareSequencing.Cli.Program.BuildCommand(TextWriter.Null, TextWriter.Null).Subcommands
            .Single(c => c.Name == command).Options.Select(o => o.Name).ToList();

        Assert.Contains("--concept-map", options);
        Assert.Contains("--terminology-server", options);
        Assert.Contains("--terminology-timeout", options);
    }

    [Fact]
    public void Eval_InvalidConceptMap_IsAUsageErrorNamingTheFileLineAndColumn()
    {
        var path = Path.Combine(Path.GetTempPath(), $"csq-cli-cm-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\n  \"resourceType\": \"ConceptMap\",\n  \"status\": \"draft\",\n  \"grup\": 1\n}");
        try
        {
            var usage = CliRunner.Run("eval", Bundle, "--lang", "de");
            var result = CliRunner.Run(Eval("--concept-map", path));
            var errors = Errors(Eval("--concept-map", path));

            Assert.NotEqual(0, result.Exit);
            Assert.Equal(usage.Exit, result.Exit);
            Assert.Empty(result.Out);
            Assert.Contains(errors, e => e.StartsWith($"--concept-map {path}:4:", StringComparison.Ordinal) && e.Contains("unknown element 'grup'", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(new[] { "--concept-map", "no/such/map.json" }, "--concept-map no/such/map.json: no such file or folder.")]
    [InlineData(new[] { "--terminology-server", "not a url" }, "--terminology-server must be an absolute http or https URL")]
    [InlineData(new[] { "--terminology-server", "ftp://tx.example.org/" }, "--terminology-server must be an absolute http or https URL")]
    [InlineData(new[] { "--terminology-server", "http://127.0.0.1:9/fhir", "--terminology-timeout", "0" }, "--terminology-timeout must be a number of seconds greater than 0")]
    [InlineData(new[] { "--terminology-server", "http://127.0.0.1:9/fhir", "--terminology-timeout", "soon" }, "--terminology-timeout must be a number of seconds greater than 0")]
    [InlineData(new[] { "--terminology-timeout", "3" }, "--terminology-timeout needs --terminology-server.")]
    public void Eval_BadTerminologyFlag_IsAUsageErrorSayingWhy(string[] flags, string message)
    {
        var result = CliRunner.Run(Eval(flags));

        Assert.NotEqual(0, result.Exit);
        Assert.Empty(result.Out);
        Assert.Contains(Errors(Eval(flags)), e => e.StartsWith(message, StringComparison.Ordinal));
    }

    private static List<string> Errors(string[] args) =>
        CareSequencing.Cli.Program.BuildCommand(TextWriter.Null, TextWriter.Null).Parse(args).Errors.Select(e => e.Message).ToList();
}
