using System.Reflection;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using CareSequencing.Benchmarks.Synthetic;

namespace CareSequencing.Tests.Benchmarks;

/// <summary>
/// CI's benchmark dry run (<c>.ci/run</c>) selects every benchmark class, so that a class whose setup throws (as
/// <c>EvaluateBenchmarks</c> at 10,000 rules did under the old 5,000-rule limit) fails CI; and the largest synthetic
/// packs load under the default limits.
/// </summary>
public sealed partial class BenchmarkDryRunTests
{
    [GeneratedRegex(@"--filter (?<globs>('[^']*'\s*)+)--job dry")]
    private static partial Regex DryRunStep();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Glob();

    [Fact]
    public void CiDryRun_FilterSelectsEveryBenchmarkClass()
    {
        var script = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, ".ci", "run"));
        var step = DryRunStep().Match(script);
        Assert.True(step.Success, ".ci/run has no '--filter ... --job dry' benchmark step");
        var patterns = Glob().Matches(step.Groups["globs"].Value)
            .Select(m => new Regex("^" + Regex.Escape(m.Groups[1].Value).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$"))
            .ToList();
        var classes = typeof(SyntheticPacks).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            .ToList();

        Assert.True(classes.Count >= 8, $"{classes.Count} benchmark classes");
        // BenchmarkDotNet matches a glob against each benchmark's full name, type.method.
        Assert.All(classes, type => Assert.Contains(patterns, p => type.GetMethods().Any(m =>
            m.GetCustomAttribute<BenchmarkAttribute>() is not null && p.IsMatch($"{type.FullName}.{m.Name}"))));
    }

    [Fact]
    public void SyntheticPacks_TenThousandRules_LoadUnderTheDefaultLimits()
    {
        using var packs = SyntheticPacks.Write(SyntheticPackGenerator.Generate(10_000));

        Assert.Equal(10_000, packs.Load().RuleCount);
    }
}
