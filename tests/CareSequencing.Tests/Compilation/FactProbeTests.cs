using CareSequencing.Compilation;

namespace CareSequencing.Tests.Compilation;

/// <summary>A compiled rule set is shared by every evaluating thread: nothing in it is written after compilation.</summary>
public sealed class FactProbeTests
{
    [Fact]
    public void Probe_HasNoSettableState_QueriesAreBuiltAtCompileTime()
    {
        Assert.All(typeof(FactProbe).GetProperties(), p => Assert.Null(p.SetMethod));
        Assert.All(typeof(FactProbe).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic),
            f => Assert.True(f.IsInitOnly, f.Name + " must be readonly"));
    }

    [Theory]
    [InlineData("HasConditionInRange", "F20", "F29", "F20–F29")]
    [InlineData("MedicationStartedWithin", "L01", 2, "L01 ≤ 2 d")]
    [InlineData("OralMedicationStartedWithin", "L01", 0, "L01 ≤ 0 d")]
    [InlineData("PhaseCompleted", "assessment", null, "completed:assessment")]
    public void Query_IsReadyBeforeAnyEvaluation(string member, object first, object? second, string query)
    {
        var probe = new FactProbe(member, second is null ? [first] : [first, second]);

        Assert.Equal(query, probe.Query);
    }

    [Fact]
    public void Probes_OfTheShippedPacks_AllCarryTheirQuery_AfterLoading()
    {
        var ruleSet = RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow();
        var members = new[] { "HasConditionInRange", "MedicationStartedWithin", "OralMedicationStartedWithin", "PhaseCompleted" };

        var probes = ruleSet.Rules.SelectMany(r => r.Condition.Probes).Where(p => members.Contains(p.Member)).ToList();

        Assert.NotEmpty(probes);
        Assert.All(probes, p => Assert.False(string.IsNullOrEmpty(p.Query)));
    }

    [Fact]
    public void Arguments_AreRenderedInvariantly_AndAComputedArgumentSaysSo()
    {
        var computed = new FactProbe("HasCondition", null);
        var number = new FactProbe("MedicationStartedWithin", ["L01", 1500]);

        Assert.Equal("(computed)", computed.Text(0));
        Assert.Equal("1500", number.Text(1));
        Assert.Equal("(computed)", number.Text(2));
    }
}
