using CareSequencing;
using CareSequencing.Model;
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
    /// stops start-up with a <see cref="RulePackLoadException"/> listing every diagnostic. Uses the
    /// registered <see cref="TimeProvider"/>, or <see cref="TimeProvider.System"/>, and the registered
    /// <see cref="ILoggerFactory"/> when there is one.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options, at least one pack path.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddCareSequencing(this IServiceCollection services, Action<CareSequencingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<CareSequencingOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CareSequencingOptions>, CareSequencingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRuleSetSource>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CareSequencingOptions>>().Value;
            if (!options.WatchForChanges) return new FixedRuleSetSource(RulePackLoader.Load(options.PackPaths).GetRuleSetOrThrow());
            // Created by a factory, so the container disposes it (and its watchers) with itself.
            return new WatchingRuleSetSource(
                options.PackPaths,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILoggerFactory>()?.CreateLogger<WatchingRuleSetSource>(),
                options.ReloadDebounce);
        });
        // The set loaded at start-up; with WatchForChanges, read IRuleSetSource.Current for the one serving now.
        services.TryAddSingleton(sp => sp.GetRequiredService<IRuleSetSource>().Current);
        services.TryAddSingleton<ICareEvaluator>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CareSequencingOptions>>().Value;
            return new CareEvaluator(
                sp.GetRequiredService<IRuleSetSource>(),
                sp.GetRequiredService<TimeProvider>(),
                new EvaluationSettings { Language = options.Language, IncludeDraftRules = options.IncludeDraftRules });
        });
        return services;
    }
}

/// <summary>Checks the options before anything loads: the failures a host should see at start-up.</summary>
internal sealed class CareSequencingOptionsValidator : IValidateOptions<CareSequencingOptions>
{
    public ValidateOptionsResult Validate(string? name, CareSequencingOptions options)
    {
        var failures = new List<string>();
        if (options.PackPaths.Count == 0) failures.Add("CareSequencing: configure at least one path in PackPaths.");
        failures.AddRange(options.PackPaths.Where(p => !Directory.Exists(p)).Select(p => $"CareSequencing: pack folder '{p}' does not exist."));
        if (options.ReloadDebounce < TimeSpan.Zero) failures.Add("CareSequencing: ReloadDebounce must not be negative.");
        if (!Languages.IsSupported(options.Language))
            failures.Add($"CareSequencing: Language must be one of {string.Join(", ", Languages.Supported)}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
