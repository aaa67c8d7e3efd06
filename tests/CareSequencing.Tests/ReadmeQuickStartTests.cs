using Microsoft.Extensions.DependencyInjection;

namespace CareSequencing.Tests;

/// <summary>The README's quick start is this code: one test runs it, the other keeps the README identical to it.</summary>
public sealed class ReadmeQuickStartTests
{
    private static List<string> QuickStart()
    {
        var output = new List<string>();
        // Captures what the README sample prints, without touching the real console.
        var Console = new { WriteLine = (Action<string>)output.Add };
        // README-BEGIN
        var services = new ServiceCollection()
            .AddCareSequencing(options => options.PackPaths.Add("rules"))
            .BuildServiceProvider();
        var evaluator = services.GetRequiredService<ICareEvaluator>();

        var patient = new PatientContext
        {
            Id = "p-001",
            Age = 55,
            Conditions = [new("F32.1"), new("F10.2")],
            Medications = [new("N06AB06") { Name = "sertraline" }, new("N02AX02") { Name = "tramadol" }],
            Phase = new PatientPhase("medication-treatment") { Completed = ["assessment"] },
        };

        Advice advice = evaluator.Evaluate(patient);
        foreach (var alert in advice.Alerts)
            Console.WriteLine($"{alert.Severity}: {alert.Title} ({alert.Explanation.Pack})");
        foreach (var proposal in advice.Proposals)
            Console.WriteLine($"{proposal.Rank}. {proposal.Title} [score {proposal.Score.Total}]");
        // README-END
        return output;
    }

    [Fact]
    public void QuickStart_Runs_AndPrintsAlertsAndProposals()
    {
        var output = QuickStart();

        Assert.Contains(output, line => line.StartsWith("Major: ", StringComparison.Ordinal) && line.Contains("drug-interactions@", StringComparison.Ordinal));
        Assert.Contains(output, line => line.StartsWith("1. ", StringComparison.Ordinal));
    }

    [Fact]
    public void Readme_ShowsExactlyTheTestedQuickStart()
    {
        Assert.Contains(TestData.TestedBlock("ReadmeQuickStartTests.cs", "README"), TestData.Readme, StringComparison.Ordinal);
    }
}
