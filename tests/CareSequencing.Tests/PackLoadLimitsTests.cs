using CareSequencing.Loading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareSequencing.Tests;

/// <summary>
/// <see cref="PackLoadLimits"/> as host options: the defaults leave ten times the room the shipped packs need,
/// a limit that is not greater than zero is refused wherever limits enter (loader, watcher, DI options), and the
/// limits a host sets reach every load and reload. Both sides of each limit: <c>Loading/PackLimitsTests</c>.
/// </summary>
public sealed class PackLoadLimitsTests
{
    private static readonly RulePackSource[] Basic = [RulePackSource.Folder(TestData.BasicPack)];

    public static TheoryData<string, int> NotPositive()
    {
        var data = new TheoryData<string, int>();
        foreach (var (name, _) in PackLoadLimits.Default.All())
        {
            data.Add(name, 0);
            data.Add(name, -1);
        }
        return data;
    }

    [Fact]
    public void Default_LeavesTenTimesTheLargestShippedPack()
    {
        var packs = Directory.GetDirectories(TestData.ShippedRules).Where(d => File.Exists(Path.Combine(d, "pack.yaml"))).ToList();
        var files = packs.Select(p => Directory.GetFiles(p, "*.y*ml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}scenarios{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList()).ToList();
        var rules = RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow().RuleCount; // all packs together: at least the largest one
        var limits = PackLoadLimits.Default;

        Assert.NotEmpty(packs);
        Assert.True(limits.MaxRulesPerPack >= 10 * rules, $"{rules} rules shipped");
        Assert.True(limits.MaxFilesPerPack >= 10 * files.Max(f => f.Count), $"{files.Max(f => f.Count)} files in the largest pack");
        Assert.True(limits.MaxFileBytes >= 10 * files.SelectMany(f => f).Max(f => new FileInfo(f).Length), "largest shipped file");
        // Issue 14's scale: the 10,000-rule benchmark pack and the ANSM import (about 1,500 entries, about 30 files).
        Assert.True(limits.MaxRulesPerPack >= 10 * 10_000 / 2 && limits.MaxFilesPerPack >= 10 * 30);
    }

    [Fact]
    public void Default_ExpandedAndAdviceCharacters_LeaveTenTimesTheLargestShippedFileAndPack()
    {
        var packs = Directory.GetDirectories(TestData.ShippedRules).Where(d => File.Exists(Path.Combine(d, "pack.yaml"))).ToList();
        var perFile = packs.ToDictionary(p => p, p => Directory.GetFiles(p, "*.y*ml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}scenarios{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => ExpandedChars(YamlTreeReader.Read(File.ReadAllText(f).ReplaceLineEndings("\n")))).ToList());
        var largestFile = perFile.Values.SelectMany(f => f).Max();
        var largestPack = perFile.Values.Max(f => f.Sum());
        var ruleSet = RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow();
        var largestAdvice = ruleSet.PackModels.Max(p => p.Rules.Sum(AdviceText.Of) + p.Interactions.Sum(AdviceText.Of));
        var limits = PackLoadLimits.Default;

        // The figures docs/reliability.md quotes; printed so that the table can be refreshed when the packs grow.
        Console.WriteLine($"largest file {largestFile} chars, largest pack {largestPack} chars, largest advice text {largestAdvice} chars");
        Assert.True(limits.MaxExpandedCharsPerFile >= 10 * largestFile, $"{largestFile} chars in the largest shipped file");
        Assert.True(limits.MaxExpandedCharsPerPack >= 10 * largestPack, $"{largestPack} chars in the largest shipped pack");
        Assert.True(limits.MaxAdviceCharsPerPack >= 10 * largestAdvice, $"{largestAdvice} chars of advice text in the largest shipped pack");
    }

    internal static long ExpandedChars(YNode? node) => node switch
    {
        YScalar s => s.Value.Length,
        YSequence q => q.Items.Sum(ExpandedChars),
        YMapping m => m.Entries.Sum(e => e.Key.Value.Length + ExpandedChars(e.Value)),
        _ => 0,
    };

    [Fact]
    public void With_SetsOnlyTheNamedLimit_AndFlagNameIsKebabCase()
    {
        var raised = PackLoadLimits.Default.With(nameof(PackLoadLimits.MaxRulesPerPack), 7);

        Assert.Equal(PackLoadLimits.Default with { MaxRulesPerPack = 7 }, raised);
        Assert.Equal("--max-rules-per-pack", PackLoadLimits.FlagName(nameof(PackLoadLimits.MaxRulesPerPack)));
        Assert.Equal("--max-file-bytes", PackLoadLimits.FlagName(nameof(PackLoadLimits.MaxFileBytes)));
    }

    [Theory]
    [MemberData(nameof(NotPositive))]
    public void Load_LimitNotGreaterThanZero_ThrowsNamingIt(string limit, int value)
    {
        var limits = PackLoadLimits.Default.With(limit, value);

        var error = Assert.Throws<ArgumentException>(() => RulePackLoader.Load(Basic, pinnedVersions: null, limits));

        Assert.Equal("limits", error.ParamName);
        Assert.Contains($"PackLoadLimits.{limit} must be greater than 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WatchingRuleSetSource_LimitNotGreaterThanZero_Throws() =>
        Assert.Throws<ArgumentException>(() => new WatchingRuleSetSource(Basic, pinnedVersions: null, limits: new PackLoadLimits { MaxDepth = 0 }));

    [Theory]
    [MemberData(nameof(NotPositive))]
    public void AddCareSequencing_LimitNotGreaterThanZero_FailsOptionsValidation(string limit, int value)
    {
        using var provider = new ServiceCollection()
            .AddCareSequencing(o =>
            {
                o.PackPaths.Add(TestData.BasicPack);
                o.PackLimits = PackLoadLimits.Default.With(limit, value);
            })
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ICareEvaluator>());

        var failure = Assert.Single(error.Failures);
        Assert.Equal($"CareSequencing: PackLoadLimits.{limit} must be greater than 0 (it is {value}).", failure);
    }

    [Fact]
    public void AddCareSequencing_NullLimits_FailsOptionsValidation()
    {
        using var provider = new ServiceCollection()
            .AddCareSequencing(o =>
            {
                o.PackPaths.Add(TestData.BasicPack);
                o.PackLimits = null!;
            })
            .BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ICareEvaluator>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AddCareSequencing_HostLimits_ApplyToTheLoad_WithAndWithoutWatching(bool watch)
    {
        using var provider = new ServiceCollection()
            .AddCareSequencing(o =>
            {
                o.PackPaths.Add(TestData.BasicPack);
                o.WatchForChanges = watch;
                o.PackLimits = new PackLoadLimits { MaxRulesPerPack = 1 };
            })
            .BuildServiceProvider();

        var error = Assert.Throws<RulePackLoadException>(() => provider.GetRequiredService<ICareEvaluator>());

        var diagnostic = Assert.Single(error.Diagnostics, d => d.Code == "CSQ1017");
        Assert.Contains("the limit is 1. Limit MaxRulesPerPack: a host raises it with PackLoadLimits.MaxRulesPerPack, the CLI with --max-rules-per-pack.",
            diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WatchingRuleSetSource_Reload_KeepsTheLimitsItWasGiven()
    {
        // pack.yaml and rules.yaml: exactly at a limit of two files; a third file crosses it.
        var pack = TestData.PackWithCondition("facts.HasFlag(\"a\")");
        using var source = new WatchingRuleSetSource([RulePackSource.Folder(pack)], pinnedVersions: null, limits: new PackLoadLimits { MaxFilesPerPack = 2 });
        File.Copy(Path.Combine(pack, "rules.yaml"), Path.Combine(pack, "more.yaml"));

        var reload = source.Reload();

        Assert.Equal(ReloadOutcome.Refused, reload.Outcome);
        Assert.Contains(reload.Diagnostics, d => d.Code == "CSQ1017" && d.Message.Contains("--max-files-per-pack", StringComparison.Ordinal));
    }
}
