namespace CareSequencing.Tests.Compilation;

public sealed class ExpressionSandboxTests
{
    [Theory]
    [InlineData("facts.GetType().Name == \"x\"")]
    [InlineData("\"\".GetType().Assembly.Location != null")]
    [InlineData("facts.ToString() == \"x\"")]
    [InlineData("facts.Equals(facts)")]
    [InlineData("Enumerable.Range(0, 100000000).Count() > 1")]
    [InlineData("\"\".PadLeft(50000000).Length > 1")]
    [InlineData("Math.Max(1, 2) > 1")]
    [InlineData("DateTime.Now.Year > 2000")]
    [InlineData("Environment.ProcessorCount > 0")]
    [InlineData("new PatientFacts() != null")]
    [InlineData("facts.AsOf.Year > 2000")]
    [InlineData("facts.HasFlag(\"a\".Substring(0))")]
    public void HostileOrUnlistedExpression_IsRejectedAtLoad(string expression)
    {
        var result = RulePackLoader.Load(TestData.PackWithCondition(expression));

        Assert.True(result.HasErrors);
        Assert.Empty(result.GetPartialRuleSet().Packs);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.True(error.Code is "CSQ2001" or "CSQ2002", error.ToString());
        Assert.Equal("r1", error.RuleId);
    }

    [Theory]
    [InlineData("facts.HasCondition(\"F10\") && facts.CurrentPhase == \"assessment\"")]
    [InlineData("facts.Age >= 18 || facts.Sex == \"female\"")]
    [InlineData("facts.CountMedications(\"N06AB\") + facts.CountMedications(\"N06AX\") >= 2")]
    [InlineData("!facts.PhaseCompleted(\"assessment\") && facts.IsInPhase(\"assessment\")")]
    [InlineData("facts.MedicationStartedWithin(\"L01\", 7) ? facts.HasFlag(\"high-anxiety\") : false")]
    [InlineData("facts.CurrentPhase.StartsWith(\"medication\")")]
    [InlineData("facts.Age * 2 > 30 && facts.Age % 2 == 0")]
    public void BenignExpression_Compiles(string expression)
    {
        var result = RulePackLoader.Load(TestData.PackWithCondition(expression));

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
    }

    [Theory]
    [InlineData("facts.currentPhase == \"assessment\"", "CSQ2001")]  // case-sensitive: no silent binding
    [InlineData("facts.CurrentPhase == \"assesment\"", "CSQ2004")]   // phase typo
    [InlineData("facts.HasCondition(\"F10.\")", "CSQ2004")]
    [InlineData("facts.HasConditionInRange(\"F20\", \"F4\")", "CSQ2004")]
    [InlineData("facts.PhaseCompleted(\"treatment\")", "CSQ2004")]
    [InlineData("facts.Age", "CSQ2003")]
    public void AuthoringMistake_IsReportedWithItsCode(string expression, string code)
    {
        var result = RulePackLoader.Load(TestData.PackWithCondition(expression));

        Assert.Contains(result.Diagnostics, d => d.Code == code);
        Assert.Empty(result.GetPartialRuleSet().Packs);
    }

    [Fact]
    public void ErrorColumn_PointsAtTheOffendingToken()
    {
        // The condition is single-quoted at column 11 of line 6: "when: '" puts the text at column 12.
        var result = RulePackLoader.Load(TestData.PackWithCondition("facts.HasFlag(\"a\") && facts.GetType() != null"));

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((6, 12 + "facts.HasFlag(\"a\") && facts.".Length), (error.Location.Line, error.Location.Column));
    }
    // With ICU the culture-sensitive overloads ignore the soft hyphen: "x\u00ADy".StartsWith("xy") would be
    // true on one host and false on another. Conditions run the ordinal forms; the ordinal answers are false.
    [Theory]
    [InlineData("facts.Age > 0 && \"x\u00ADy\".StartsWith(\"xy\")", false)]
    [InlineData("facts.Age > 0 && \"y\u00ADx\".EndsWith(\"yx\")", false)]
    [InlineData("facts.Age > 0 && string.Compare(\"a\u00AD\", \"a\") == 0", false)]
    [InlineData("facts.Age > 0 && string.Compare(\"B\", \"a\") < 0", true)] // ordinal: 'B' (66) sorts before 'a' (97)
    [InlineData("facts.Age > 0 && \"xy\".StartsWith(\"xy\") && \"xy\".EndsWith(\"y\")", true)]
    public void StringCalls_AreOrdinal_WhateverTheCulture(string expression, bool fires)
    {
        var rules = RulePackLoader.Load(TestData.PackWithCondition(expression)).GetRuleSetOrThrow();

        foreach (var culture in new[] { "en-US", "fr-FR", "tr-TR", "" })
        {
            var advice = RunInCulture(culture, () => TestData.Evaluator(rules).Evaluate(TestData.FullPatient));
            Assert.Equal(fires, advice.Proposals.Any(p => p.RuleId == "r1"));
        }
    }

    private static T RunInCulture<T>(string culture, Func<T> action)
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
        try
        {
            return action();
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData("facts.Sex == \"it''s\" || facts.GetType() != null", "facts.Sex == \"it''s\" || facts.")] // '' is one quote
    [InlineData("facts.Sex == \"a''b''c\" && facts.Age > 1 || facts.GetType() != null", "facts.Sex == \"a''b''c\" && facts.Age > 1 || facts.")]
    public void ErrorColumn_CountsEscapedQuotesInTheFile(string expression, string rawBefore)
    {
        // PackWithCondition doubles each quote; the column is the file's, so each doubled quote counts twice.
        var result = RulePackLoader.Load(TestData.PackWithCondition(expression.Replace("''", "'", StringComparison.Ordinal)));

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((6, 12 + rawBefore.Length), (error.Location.Line, error.Location.Column));
    }
}
