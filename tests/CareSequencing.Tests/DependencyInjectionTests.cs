using CareSequencing.Authoring.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareSequencing.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public void AddCareSequencing_RegistersOneThreadSafeEvaluator_UsingTheRegisteredClock()
    {
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(TestData.Now))
            .AddCareSequencing(o =>
            {
                o.PackPaths.Add(TestData.BasicPack);
                o.Language = "fr";
            })
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var evaluator = provider.GetRequiredService<ICareEvaluator>();
        Assert.Same(evaluator, provider.GetRequiredService<ICareEvaluator>());
        var advice = evaluator.Evaluate(TestData.FullPatient);
        Assert.Equal(TestData.Now, advice.EvaluatedAt);
        Assert.Equal("fr", advice.Language);
    }

    [Fact]
    public void AddCareSequencing_InvalidOptions_FailWithEveryProblem()
    {
        using var provider = new ServiceCollection()
            .AddCareSequencing(o =>
            {
                o.PackPaths.Add("/no/such/folder");
                o.Language = "de";
            })
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ICareEvaluator>());
        Assert.Equal(2, error.Failures.Count());
    }

    [Fact]
    public void AddCareSequencing_NoPaths_Fails()
    {
        using var provider = new ServiceCollection().AddCareSequencing(_ => { }).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ICareEvaluator>());
    }

    [Fact]
    public void AddCareSequencing_PackWithErrors_FailsWithDiagnostics()
    {
        using var provider = new ServiceCollection()
            .AddCareSequencing(o => o.PackPaths.Add(TestData.Invalid("CSQ1003-duplicate-rule-id")))
            .BuildServiceProvider();

        var error = Assert.Throws<RulePackLoadException>(() => provider.GetRequiredService<ICareEvaluator>());
        Assert.Contains(error.Diagnostics, d => d.Code == "CSQ1003");
        Assert.Contains("CSQ1003", error.Message, StringComparison.Ordinal);
    }
    [Fact]
    public void AddCareSequencing_Default_RegistersAFixedSource()
    {
        using var provider = new ServiceCollection()
            .AddCareSequencing(o => o.PackPaths.Add(TestData.BasicPack))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var source = Assert.IsType<FixedRuleSetSource>(provider.GetRequiredService<IRuleSetSource>());
        Assert.Same(source.Current, provider.GetRequiredService<CompiledRuleSet>());
        Assert.Same(source.Current, provider.GetRequiredService<ICareEvaluator>().RuleSet);
    }

    [Fact]
    public void AddCareSequencing_WatchForChanges_ResolvesTheWatchingSource_AndDisposesIt()
    {
        var folder = WatchingRuleSetSourceTests.CopyBasicPack();
        var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(TestData.Now))
            .AddCareSequencing(o =>
            {
                o.PackPaths.Add(folder);
                o.WatchForChanges = true;
            })
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var source = Assert.IsType<WatchingRuleSetSource>(provider.GetRequiredService<IRuleSetSource>());
        var evaluator = provider.GetRequiredService<ICareEvaluator>();
        Assert.Equal(TestData.Now, evaluator.Evaluate(TestData.FullPatient).EvaluatedAt);
        WatchingRuleSetSourceTests.BumpVersionAndRule(folder);
        Assert.True(source.Reload().Changed);
        Assert.Equal("1.3.0", evaluator.Evaluate(TestData.FullPatient).Packs.Single().Version);

        provider.Dispose();

        Assert.Throws<ObjectDisposedException>(() => source.Reload());
    }
}
