using CareSequencing;
using CareSequencing.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// Extension methods for IServiceCollection live in this namespace by .NET convention, so that they are found without a using.
#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers CareSequencing in a service collection.</summary>
public static class CareSequencingServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton, thread-safe <see cref="ICareEvaluator"/> built from the configured rule
    /// packs, the <see cref="IRuleSetSource"/> it reads them from, and the <see cref="CompiledRuleSet"/>
    /// loaded at start-up. With <see cref="CareSequencingOptions.WatchForChanges"/> the source is a
    /// <see cref="WatchingRuleSetSource"/> (disposed with the container) and the evaluator follows its
    /// reloads; otherwise the rules load once. Options are validated at start-up; a pack with any error
    /// stops start-up with a <see cref="RulePackLoadException"/> listing every diagnostic. Uses
    /// <see cref="CareSequencingOptions.TimeProvider"/>, else the registered <see cref="TimeProvider"/>, else
    /// <see cref="TimeProvider.System"/>, and the registered <see cref="ILoggerFactory"/> when there is one (reloads, and rule faults once per rule).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options, at least one pack source.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddCareSequencing(this IServiceCollection services, Action<CareSequencingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        AddOptions(services, Options.Options.DefaultName, configure);
        services.TryAddSingleton<IRuleSetSource>(sp => CreateSource(sp, sp.GetRequiredService<IOptions<CareSequencingOptions>>().Value));
        // The set loaded at start-up; with WatchForChanges, read IRuleSetSource.Current for the one serving now.
        services.TryAddSingleton(sp => sp.GetRequiredService<IRuleSetSource>().Current);
        services.TryAddSingleton<ICareEvaluator>(sp => CreateEvaluator(sp, sp.GetRequiredService<IOptions<CareSequencingOptions>>().Value,
            sp.GetRequiredService<IRuleSetSource>()));
        return services;
    }

    /// <summary>
    /// Registers a named rule set and evaluator beside others, e.g. the current packs and a candidate version
    /// to compare on the same patient (<see cref="AdviceComparison"/>). Each name has its own options (named
    /// options, validated at start-up), its own <see cref="IRuleSetSource"/> and watcher, and resolves as keyed
    /// singletons: <c>[FromKeyedServices("candidate")] ICareEvaluator</c> or
    /// <c>sp.GetRequiredKeyedService&lt;ICareEvaluator&gt;("candidate")</c>, likewise <see cref="IRuleSetSource"/>
    /// and <see cref="CompiledRuleSet"/>. The unnamed registration is independent of the named ones.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The name, used as the options name and the service key.</param>
    /// <param name="configure">Sets the options, at least one pack source.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddCareSequencing(this IServiceCollection services, string name, Action<CareSequencingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);

        AddOptions(services, name, configure);
        services.TryAddKeyedSingleton<IRuleSetSource>(name, (sp, _) => CreateSource(sp, NamedOptions(sp, name)));
        services.TryAddKeyedSingleton<CompiledRuleSet>(name, (sp, _) => sp.GetRequiredKeyedService<IRuleSetSource>(name).Current);
        services.TryAddKeyedSingleton<ICareEvaluator>(name, (sp, _) => CreateEvaluator(sp, NamedOptions(sp, name), sp.GetRequiredKeyedService<IRuleSetSource>(name)));
        return services;
    }

    private static void AddOptions(IServiceCollection services, string name, Action<CareSequencingOptions> configure)
    {
        services.AddOptions<CareSequencingOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CareSequencingOptions>, CareSequencingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
    }

    private static CareSequencingOptions NamedOptions(IServiceProvider sp, string name) =>
        sp.GetRequiredService<IOptionsMonitor<CareSequencingOptions>>().Get(name);

    private static TimeProvider Clock(IServiceProvider sp, CareSequencingOptions options) =>
        options.TimeProvider ?? sp.GetRequiredService<TimeProvider>();

    private static IRuleSetSource CreateSource(IServiceProvider sp, CareSequencingOptions options)
    {
        // Copies: the options object stays mutable, the loaded sources and pins must not follow it.
        var sources = options.AllSources();
        var pins = new Dictionary<string, string>(options.PackVersions, StringComparer.Ordinal);
        if (!options.WatchForChanges) return new FixedRuleSetSource(RulePackLoader.Load(sources, pins, options.PackLimits).GetRuleSetOrThrow());
        // Created by a factory, so the container disposes it (and its watchers) with itself.
        return new WatchingRuleSetSource(
            sources,
            pins,
            Clock(sp, options),
            sp.GetService<ILoggerFactory>()?.CreateLogger<WatchingRuleSetSource>(),
            options.ReloadDebounce,
            options.PackLimits);
    }

    private static CareEvaluator CreateEvaluator(IServiceProvider sp, CareSequencingOptions options, IRuleSetSource source) =>
        new CareEvaluator(
            source,
            Clock(sp, options),
            new EvaluationSettings
            {
                Language = options.Language,
                IncludeDraftRules = options.IncludeDraftRules,
                AsOf = options.EvaluationDate,
                AtcVocabulary = options.AtcVocabulary,
                ThrowOnRuleFault = options.ThrowOnRuleFault,
            },
            sp.GetService<ILoggerFactory>()?.CreateLogger<CareEvaluator>());
}
