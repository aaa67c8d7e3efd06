using CareSequencing.Authoring.Scenarios;

namespace CareSequencing.Tests.Scenarios;

/// <summary>A scenario file with a wrong value fails loudly, with its position, instead of running as something else.</summary>
public sealed class ScenarioReaderTests
{
    [Theory]
    [InlineData("includeDraftRules: True\npatient: {}\n", "(1,20): 'includeDraftRules' must be true or false")]
    [InlineData("language: de\npatient: {}\n", "(1,11): 'language' must be en or fr")]
    [InlineData("description: [a]\npatient: {}\n", "(1,14): 'description' must be text")]
    [InlineData("patient: {}\nexpect: { alerts: [{ id: x }] }\n", "(2,20): 'expect.alerts' lists ids or actions, as text")]
    [InlineData("evaluatedAt: yesterday\npatient: {}\n", "(1,14): 'evaluatedAt' must be an ISO 8601 date-time")]
    [InlineData("description: x\n", "(1,1): a scenario needs 'patient'")]
    public void Read_BadValue_FailsWithItsPosition(string yaml, string expected)
    {
        var path = Path.Combine(TestData.TempPack(("scenarios/s.yaml", yaml)), "scenarios", "s.yaml");

        var error = Assert.ThrowsAny<FormatException>(() => Scenario.Read(path, "s"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("includeDraftRules: false\nlanguage: fr\npatient: {}\n", false, "fr")]
    [InlineData("includeDraftRules: true\npatient: {}\n", true, "en")]
    public void Read_ValidValues(string yaml, bool includeDraft, string language)
    {
        var path = Path.Combine(TestData.TempPack(("scenarios/s.yaml", yaml)), "scenarios", "s.yaml");

        var scenario = Scenario.Read(path, "s");

        Assert.Equal((includeDraft, language), (scenario.IncludeDraftRules, scenario.Language));
    }
}
