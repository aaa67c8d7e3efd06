using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CareSequencing.Tests.Schema;

namespace CareSequencing.Tests.Compilation;

/// <summary>
/// The sandbox against two corpora kept as reviewable data: <c>Fixtures/sandbox/hostile-expressions.yaml</c>
/// (each entry refused at load, the whole pack rejected, with its code at the offending token) and
/// <c>legitimate-expressions.yaml</c> plus every shipped condition (each loads and evaluates).
/// </summary>
public sealed partial class ExpressionCorpusTests
{
    // PackWithCondition writes "    when: '<expression>'" on line 6: the expression starts at column 12.
    private const int ConditionLine = 6;
    private const int ConditionColumn = 12;

    private static string CorpusFile(string name) => Path.Combine(TestData.Fixtures, "sandbox", name);

    internal static JsonArray Entries(string file, string key) =>
        YamlJson.Convert(File.ReadAllText(CorpusFile(file)))![key]!.AsArray();

    /// <summary><c>{{N*text}}</c> repeats text N times, so that huge cases stay one line of the corpus.</summary>
    internal static string Expand(string expression) => Repeat().Replace(expression,
        m => string.Concat(Enumerable.Repeat(m.Groups[2].Value, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))));

    [GeneratedRegex(@"\{\{(\d+)\*(.*?)\}\}")]
    private static partial Regex Repeat();

    private static List<string> HostileNameList() =>
        [.. Entries("hostile-expressions.yaml", "hostile").Select(e => (string)e!["name"]!)];

    public static TheoryData<string> HostileNames() => [.. HostileNameList()];

    [Fact]
    public void HostileCorpus_IsLargeAndNamesAreUnique()
    {
        var names = HostileNameList();

        Assert.True(names.Count >= 40, $"hostile corpus has {names.Count} entries");
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void Load_HostileExpression_RejectsPackWithCodeAtToken(string name)
    {
        var entry = Entries("hostile-expressions.yaml", "hostile").Single(e => (string)e!["name"]! == name)!;
        var expression = Expand((string)entry["expression"]!);
        var code = (string)entry["code"]!;
        var (line, column) = entry["at"] is { } at
            ? (int.Parse(((string)at!).Split(':')[0], CultureInfo.InvariantCulture), int.Parse(((string)at!).Split(':')[1], CultureInfo.InvariantCulture))
            : (ConditionLine, FileColumn(expression, (int)(long)entry["column"]!));

        var result = RulePackLoader.Load(TestData.PackWithCondition(expression));

        Assert.True(result.HasErrors);
        Assert.Empty(result.GetPartialRuleSet().Packs);
        Assert.Equal(0, result.GetPartialRuleSet().RuleCount);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        // Several reports may point into one construct (np(...) repeats its operand); the expected one must be among them.
        Assert.True(errors.Exists(e => e.Code == code && e.Location.Line == line && e.Location.Column == column
                && e.Location.File.EndsWith("rules.yaml", StringComparison.Ordinal)),
            string.Create(CultureInfo.InvariantCulture, $"expected {code} at {line}:{column}, got:\n") + string.Join("\n", errors.Select(e => e.ToString().Length > 300 ? e.ToString()[..300] : e.ToString())));
    }

    /// <summary>The file column of 1-based <paramref name="column"/> in the expression: each quote before it is doubled in the YAML.</summary>
    private static int FileColumn(string expression, int column) =>
        ConditionColumn + column - 1 + expression.AsSpan(0, Math.Min(column - 1, expression.Length)).Count('\'');

    public static TheoryData<string, bool> Legitimate()
    {
        var data = new TheoryData<string, bool>();
        foreach (var entry in Entries("legitimate-expressions.yaml", "legitimate")) data.Add((string)entry!["expression"]!, (bool)entry["expected"]!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Legitimate))]
    public void Evaluate_LegitimateExpression_LoadsAndGivesExpectedResult(string expression, bool expected)
    {
        var result = RulePackLoader.Load(TestData.PackWithCondition(expression));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));

        var advice = TestData.Evaluator(result.GetRuleSetOrThrow()).Evaluate(TestData.FullPatient);

        Assert.Equal(expected, advice.Proposals.Any(p => p.RuleId == "r1"));
    }

    [Fact]
    public void Load_EveryShippedCondition_LoadsAloneInTheSandbox()
    {
        var shipped = RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow();
        var conditions = shipped.Rules.Select(r => r.Definition.Condition.ReplaceLineEndings(" ")).Distinct(StringComparer.Ordinal).ToList();

        Assert.True(conditions.Count >= 40, $"{conditions.Count} shipped conditions");
        foreach (var condition in conditions)
        {
            var result = RulePackLoader.Load(TestData.PackWithCondition(condition));
            Assert.False(result.HasErrors, condition + "\n" + string.Join("\n", result.Diagnostics));
        }
    }
}
