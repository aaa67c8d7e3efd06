using CareSequencing.Authoring.Scenarios;
using CareSequencing.Loading;
using Microsoft.Extensions.DependencyInjection;

namespace CareSequencing.Tests;

public sealed class AdviceComparisonTests
{
    private static PatientContext Patient =>
        PatientContextReader.ReadFile(Path.Combine(TestData.RepositoryRoot, "samples", "patients", "double-diagnosis-alcohol.yaml"));

    [Fact]
    public void Compare_CandidateWithOneAlertSeverityChanged_ShowsExactlyThatAlert_AndEachAdviceNamesItsVersions()
    {
        var candidateRules = CandidateCopy("drug-interactions", "1.2.0", "1.3.0", "psychiatry-addiction.yaml", text => Replace(text,
            "  - id: ix.ssri-tramadol\n    status: active\n    revised: 2026-11-23\n    a: { codes: [N06AB], label: { en: SSRI, fr: ISRS } }\n    b: { codes: [N02AX02], label: { en: tramadol, fr: tramadol } }\n    severity: major",
            "  - id: ix.ssri-tramadol\n    status: active\n    revised: 2026-11-23\n    a: { codes: [N06AB], label: { en: SSRI, fr: ISRS } }\n    b: { codes: [N02AX02], label: { en: tramadol, fr: tramadol } }\n    severity: moderate"));
        var (current, candidate) = EvaluateSideBySide(candidateRules);

        var comparison = AdviceComparison.Compare(current, candidate);

        Assert.True(comparison.HasDifferences);
        var change = Assert.Single(comparison.ChangedAlerts);
        Assert.Equal(("ix.ssri-tramadol", AlertSeverity.Major, AlertSeverity.Moderate), (change.Current.RuleId, change.Current.Severity, change.Candidate.Severity));
        Assert.Empty(comparison.AddedAlerts);
        Assert.Empty(comparison.RemovedAlerts);
        Assert.Empty(comparison.AddedProposals);
        Assert.Empty(comparison.RemovedProposals);
        Assert.Empty(comparison.ChangedProposals);
        Assert.Equal("drug-interactions@1.2.0", change.Current.Explanation.Pack.ToString()[.."drug-interactions@1.2.0".Length]);
        Assert.Contains(current.Packs, p => p.Id == "drug-interactions" && p.Version == "1.2.0");
        Assert.Contains(candidate.Packs, p => p.Id == "drug-interactions" && p.Version == "1.3.0");
        Assert.Equal("1.3.0", change.Candidate.Explanation.Pack.Version);
    }

    [Fact]
    public void Compare_CandidateRetiringTheTopProposal_ShowsItRemoved_AndTheOthersMovingUpOneRank()
    {
        var candidateRules = CandidateCopy("double-diagnosis", "1.1.0", "1.2.0", "double-diagnosis.yaml", text => Replace(text,
            "  - id: dd.alcohol-audit\n    family: double-diagnosis\n    status: active",
            "  - id: dd.alcohol-audit\n    family: double-diagnosis\n    status: retired"));
        var (current, candidate) = EvaluateSideBySide(candidateRules);

        var comparison = AdviceComparison.Compare(current, candidate);

        Assert.Equal("dd.alcohol-audit", Assert.Single(comparison.RemovedProposals).RuleId);
        Assert.Empty(comparison.AddedProposals);
        Assert.Equal(current.Proposals.Count - 1, comparison.ChangedProposals.Count);
        Assert.All(comparison.ChangedProposals, c => Assert.Equal((1, c.Current.Score), (c.RankShift, c.Candidate.Score)));
        Assert.Empty(comparison.ChangedAlerts);
        Assert.Empty(comparison.AddedAlerts);
        Assert.Empty(comparison.RemovedAlerts);
    }

    [Fact]
    public void Compare_SameAdvice_HasNoDifferences()
    {
        var advice = TestData.Evaluator().Evaluate(TestData.FullPatient);

        var comparison = AdviceComparison.Compare(advice, advice);

        Assert.False(comparison.HasDifferences);
        Assert.Throws<ArgumentNullException>(() => AdviceComparison.Compare(advice, null!));
    }

    // Both versions through DI, as a host comparing a candidate would register them.
    private static (Advice Current, Advice Candidate) EvaluateSideBySide(string candidateRules)
    {
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(TestData.Now))
            .AddCareSequencing("current", o => o.PackPaths.Add(TestData.ShippedRules))
            .AddCareSequencing("candidate", o => o.PackPaths.Add(candidateRules))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var patient = Patient;
        return (provider.GetRequiredKeyedService<ICareEvaluator>("current").Evaluate(patient),
            provider.GetRequiredKeyedService<ICareEvaluator>("candidate").Evaluate(patient));
    }

    /// <summary>A copy of the shipped packs (without scenarios) with one pack bumped from its shipped version to the next and one of its rule files edited.</summary>
    private static string CandidateCopy(string pack, string shippedVersion, string candidateVersion, string ruleFile, Func<string, string> edit)
    {
        var target = Path.Combine(Path.GetTempPath(), "csq-tests", Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(TestData.ShippedRules, "*.yaml", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(TestData.ShippedRules, file);
            if (relative.Split(Path.DirectorySeparatorChar).Contains("scenarios")) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }
        var manifest = Path.Combine(target, pack, "pack.yaml");
        File.WriteAllText(manifest, Replace(File.ReadAllText(manifest).ReplaceLineEndings("\n"), $"version: {shippedVersion}", $"version: {candidateVersion}"));
        var rules = Path.Combine(target, pack, "rules", ruleFile);
        File.WriteAllText(rules, edit(File.ReadAllText(rules).ReplaceLineEndings("\n")));
        return target;
    }

    private static string Replace(string text, string old, string @new)
    {
        Assert.Contains(old, text, StringComparison.Ordinal);
        return text.Replace(old, @new, StringComparison.Ordinal);
    }
}
