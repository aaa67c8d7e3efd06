using CareSequencing.Authoring.Scenarios;
using CareSequencing.Packs;
using CareSequencing.Presentation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareSequencing.Tests;

/// <summary>Pack sources, pins, named (side-by-side) registrations and the evaluation date, through DI.</summary>
public sealed class PackVersionsDependencyInjectionTests
{
    private static readonly ServiceProviderOptions Strict = new() { ValidateOnBuild = true, ValidateScopes = true };

    private static string Versions => TestData.Invalid("CSQ1027-pinned-version");

    [Fact]
    public void AddCareSequencing_EmbeddedPacks_LoadWithoutAnyFolder()
    {
        using var provider = new ServiceCollection()
            .AddCareSequencing(o => o.AddEmbeddedPacks(typeof(PackVersionsDependencyInjectionTests).Assembly, "embedded/basic"))
            .BuildServiceProvider(Strict);

        Assert.Equal(TestData.BasicRules.Packs, provider.GetRequiredService<CompiledRuleSet>().Packs);
    }

    [Fact]
    public void AddCareSequencing_AddShippedPacks_ServesTheShippedVersions()
    {
        using var provider = new ServiceCollection().AddCareSequencing(o => o.AddShippedPacks()).BuildServiceProvider(Strict);

        var packs = provider.GetRequiredService<ICareEvaluator>().RuleSet.Packs;
        Assert.Equal(["care-sequencing", "double-diagnosis", "drug-interactions", "drug-interactions-ansm", "therapy-compatibility"], packs.Select(p => p.Id));
        Assert.All(packs, p => Assert.Equal(p.Id switch { "drug-interactions-ansm" => "1.0.0", "drug-interactions" => "1.2.0", "care-sequencing" => "1.2.0", _ => "1.1.0" }, p.Version));
    }

    [Theory]
    [InlineData("embedded/nothing", 1)]
    [InlineData("embedded/basic", 0)]
    public void AddCareSequencing_EmbeddedPrefix_IsValidatedAtStartUp(string prefix, int failures)
    {
        var options = new CareSequencingOptions().AddEmbeddedPacks(typeof(PackVersionsDependencyInjectionTests).Assembly, prefix);

        var result = Validate(options);

        Assert.Equal(failures, result.Failures?.Count() ?? 0);
        if (failures > 0) Assert.Contains("embedded/nothing/", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("drug-interactions", "1.1.0", 0)]
    [InlineData("drug-interactions", "1.1", 1)]
    [InlineData("Drug Interactions", "1.1.0", 1)]
    [InlineData("drug-interactions", "", 1)]
    public void Validate_PinnedVersions_MustBeAPackIdAndASemanticVersion(string id, string version, int failures)
    {
        var options = new CareSequencingOptions().PinPackVersion(id, version);
        options.PackPaths.Add(TestData.BasicPack);

        Assert.Equal(failures, Validate(options).Failures?.Count() ?? 0);
    }

    [Theory]
    [InlineData(false, false, 1)]
    [InlineData(true, false, 0)]
    [InlineData(false, true, 0)]
    public void Validate_NoSourceAtAll_Fails_AFolderOrAnEmbeddedSourceIsEnough(bool folder, bool embedded, int failures)
    {
        var options = new CareSequencingOptions();
        if (folder) options.PackSources.Add(RulePackSource.Folder(TestData.BasicPack));
        if (embedded) options.AddEmbeddedPacks(typeof(PackVersionsDependencyInjectionTests).Assembly, "embedded/basic");

        var result = Validate(options);

        Assert.Equal(failures, result.Failures?.Count() ?? 0);
        if (failures > 0) Assert.Contains("at least one pack source", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingFolderSource_AndNullSource_Fail()
    {
        var options = new CareSequencingOptions();
        options.PackSources.Add(RulePackSource.Folder("/no/such/folder"));
        options.PackSources.Add(null!);

        Assert.Equal(2, Validate(options).Failures!.Count());
    }

    [Theory]
    [InlineData("1.0.0", 50)]
    [InlineData("1.1.0", 60)]
    public void AddCareSequencing_PinnedVersion_SelectsItAmongSideBySideVersions(string version, int priority)
    {
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(TestData.Now))
            .AddCareSequencing(o => o.PinPackVersion("pinned", version).PackPaths.Add(Versions))
            .BuildServiceProvider(Strict);

        var advice = provider.GetRequiredService<ICareEvaluator>().Evaluate(TestData.FullPatient);

        Assert.Equal($"pinned@{version}", Assert.Single(advice.Packs).ToString()[..("pinned@".Length + version.Length)]);
        Assert.Equal(priority, Assert.Single(advice.Proposals).Score.Priority);
    }

    [Fact]
    public void AddCareSequencing_PinnedVersionMissing_StopsStartUpWithCsq1027()
    {
        using var provider = new ServiceCollection()
            .AddCareSequencing(o => o.PinPackVersion("test-basic", "9.9.9").PackPaths.Add(TestData.BasicPack))
            .BuildServiceProvider();

        var error = Assert.Throws<RulePackLoadException>(() => provider.GetRequiredService<ICareEvaluator>());
        Assert.Contains(error.Diagnostics, d => d.Code == "CSQ1027");
    }

    [Fact]
    public void AddCareSequencing_Watching_ReloadChangingAPinnedVersion_IsRefused_RunningSetKeepsServing()
    {
        var folder = WatchingRuleSetSourceTests.CopyBasicPack();
        using var provider = new ServiceCollection()
            .AddCareSequencing(o =>
            {
                o.PackPaths.Add(folder);
                o.PinPackVersion("test-basic", "1.2.3");
                o.WatchForChanges = true;
                o.ReloadDebounce = TimeSpan.FromHours(1);
            })
            .BuildServiceProvider(Strict);
        var source = Assert.IsType<WatchingRuleSetSource>(provider.GetRequiredService<IRuleSetSource>());
        var running = source.Current;

        WatchingRuleSetSourceTests.BumpVersionAndRule(folder);
        var reload = source.Reload();

        Assert.Equal(ReloadOutcome.Refused, reload.Outcome);
        Assert.Contains(reload.Diagnostics, d => d.Code == "CSQ1027");
        Assert.Same(running, source.Current);
        Assert.Equal("1.2.3", provider.GetRequiredService<ICareEvaluator>().Evaluate(TestData.FullPatient).Packs.Single().Version);
    }

    [Fact]
    public void AddCareSequencing_Watching_ReloadWithoutPin_AcceptsTheNewVersion()
    {
        var folder = WatchingRuleSetSourceTests.CopyBasicPack();
        using var provider = new ServiceCollection()
            .AddCareSequencing(o =>
            {
                o.PackPaths.Add(folder);
                o.PinPackVersion("other-pack-not-pinned-here", "1.0.0");
                o.PackVersions.Clear();
                o.WatchForChanges = true;
                o.ReloadDebounce = TimeSpan.FromHours(1);
            })
            .BuildServiceProvider(Strict);
        var source = Assert.IsType<WatchingRuleSetSource>(provider.GetRequiredService<IRuleSetSource>());

        WatchingRuleSetSourceTests.BumpVersionAndRule(folder);

        Assert.Equal(ReloadOutcome.Succeeded, source.Reload().Outcome);
        Assert.Equal("1.3.0", source.Current.Packs.Single().Version);
    }

    [Fact]
    public void AddCareSequencing_Named_ResolvesKeyedServices_EachWithItsOwnOptionsAndSource()
    {
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(TestData.Now))
            .AddCareSequencing(o => o.PackPaths.Add(TestData.BasicPack))
            .AddCareSequencing("current", o => o.PinPackVersion("pinned", "1.0.0").PackPaths.Add(Versions))
            .AddCareSequencing("candidate", o =>
            {
                o.PinPackVersion("pinned", "1.1.0").PackPaths.Add(Versions);
                o.Language = "fr";
            })
            .BuildServiceProvider(Strict);

        var current = provider.GetRequiredKeyedService<ICareEvaluator>("current");
        var candidate = provider.GetRequiredKeyedService<ICareEvaluator>("candidate");
        var unnamed = provider.GetRequiredService<ICareEvaluator>();

        Assert.Same(current, provider.GetRequiredKeyedService<ICareEvaluator>("current"));
        Assert.NotSame(provider.GetRequiredKeyedService<IRuleSetSource>("current"), provider.GetRequiredKeyedService<IRuleSetSource>("candidate"));
        Assert.Same(provider.GetRequiredKeyedService<IRuleSetSource>("candidate").Current, provider.GetRequiredKeyedService<CompiledRuleSet>("candidate"));
        Assert.Equal("1.0.0", current.Evaluate(TestData.FullPatient).Packs.Single().Version);
        var candidateAdvice = candidate.Evaluate(TestData.FullPatient);
        Assert.Equal(("1.1.0", "fr"), (candidateAdvice.Packs.Single().Version, candidateAdvice.Language));
        Assert.Equal("test-basic", unnamed.RuleSet.Packs.Single().Id);
    }

    [Fact]
    public void AddCareSequencing_Named_InvalidOptions_NameTheRegistration()
    {
        using var provider = new ServiceCollection()
            .AddCareSequencing("candidate", o => o.PackPaths.Add("/no/such/folder"))
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<ICareEvaluator>("candidate"));
        Assert.Contains("CareSequencing (candidate): pack folder", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddCareSequencing(" ", _ => { }));
    }

    [Fact]
    public void AddCareSequencing_NamedWatching_EachNameHasItsOwnWatcher_DisposedWithTheContainer()
    {
        var first = WatchingRuleSetSourceTests.CopyBasicPack();
        var second = WatchingRuleSetSourceTests.CopyBasicPack();
        var provider = new ServiceCollection()
            .AddCareSequencing("a", o => { o.PackPaths.Add(first); o.WatchForChanges = true; o.ReloadDebounce = TimeSpan.FromHours(1); })
            .AddCareSequencing("b", o => { o.PackPaths.Add(second); o.WatchForChanges = true; o.ReloadDebounce = TimeSpan.FromHours(1); })
            .BuildServiceProvider(Strict);
        var a = Assert.IsType<WatchingRuleSetSource>(provider.GetRequiredKeyedService<IRuleSetSource>("a"));
        var b = Assert.IsType<WatchingRuleSetSource>(provider.GetRequiredKeyedService<IRuleSetSource>("b"));

        WatchingRuleSetSourceTests.BumpVersionAndRule(second);

        Assert.False(a.Reload().Changed);
        Assert.True(b.Reload().Changed);
        Assert.Equal(("1.2.3", "1.3.0"), (provider.GetRequiredKeyedService<ICareEvaluator>("a").RuleSet.Packs[0].Version,
            provider.GetRequiredKeyedService<ICareEvaluator>("b").RuleSet.Packs[0].Version));
        provider.Dispose();
        Assert.Throws<ObjectDisposedException>(() => a.Reload());
        Assert.Throws<ObjectDisposedException>(() => b.Reload());
    }

    [Theory]
    [InlineData("2025-06-01", true)]
    [InlineData("2019-12-31", false)]
    [InlineData("2026-01-01", false)]
    public void AddCareSequencing_EvaluationDate_AppliesEffectivePeriods(string date, bool expiredRuleRuns)
    {
        using var provider = new ServiceCollection()
            .AddCareSequencing(o =>
            {
                o.PackPaths.Add(TestData.BasicPack);
                o.EvaluationDate = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
                o.TimeProvider = new FixedTimeProvider(TestData.Now);
            })
            .BuildServiceProvider(Strict);

        var advice = provider.GetRequiredService<ICareEvaluator>().Evaluate(TestData.FullPatient);

        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), advice.AsOf);
        Assert.Equal(TestData.Now, advice.EvaluatedAt);
        Assert.Equal(expiredRuleRuns, advice.Proposals.Any(p => p.RuleId == "t.expired"));
    }

    [Fact]
    public void AddCareSequencing_NoEvaluationDate_IsTodayFromTheTimeProviderOption_OverTheRegisteredOne()
    {
        var optionClock = new FixedTimeProvider(new DateTimeOffset(2025, 3, 4, 23, 30, 0, TimeSpan.Zero));
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(TestData.Now))
            .AddCareSequencing(o =>
            {
                o.PackPaths.Add(TestData.BasicPack);
                o.TimeProvider = optionClock;
            })
            .BuildServiceProvider(Strict);

        var advice = provider.GetRequiredService<ICareEvaluator>().Evaluate(TestData.FullPatient);

        Assert.Equal((new DateOnly(2025, 3, 4), optionClock.GetUtcNow()), (advice.AsOf, advice.EvaluatedAt));
        Assert.Contains(advice.Proposals, p => p.RuleId == "t.expired");
    }

    [Fact]
    public void Replay_SamePackVersionsPatientAndDate_FromTwoFreshLoads_GivesByteIdenticalJson()
    {
        string Replay(DateOnly date)
        {
            using var provider = new ServiceCollection()
                .AddSingleton<TimeProvider>(new FixedTimeProvider(TestData.Now))
                .AddCareSequencing(o =>
                {
                    o.PackPaths.Add(TestData.BasicPack);
                    o.PinPackVersion("test-basic", "1.2.3");
                    o.EvaluationDate = date;
                })
                .BuildServiceProvider(Strict);
            return AdviceJsonWriter.Write(provider.GetRequiredService<ICareEvaluator>().Evaluate(TestData.FullPatient));
        }

        var before = new DateOnly(2019, 12, 31);
        var within = new DateOnly(2020, 1, 1);

        Assert.Equal(Replay(before), Replay(before));
        Assert.Equal(Replay(within), Replay(within));
        Assert.DoesNotContain("t.expired", Replay(before), StringComparison.Ordinal);
        Assert.Contains("t.expired", Replay(within), StringComparison.Ordinal);
    }

    private static ValidateOptionsResult Validate(CareSequencingOptions options)
    {
        using var provider = new ServiceCollection().AddCareSequencing(_ => { }).BuildServiceProvider();
        var validator = provider.GetServices<IValidateOptions<CareSequencingOptions>>().Single();
        return validator.Validate(Options.DefaultName, options);
    }
}
