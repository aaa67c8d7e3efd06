using CareSequencing.Loading;
using CareSequencing.Model;
using Microsoft.Extensions.Options;

namespace CareSequencing.DependencyInjection;

/// <summary>Checks the options before anything loads: the failures a host should see at start-up.</summary>
internal sealed class CareSequencingOptionsValidator : IValidateOptions<CareSequencingOptions>
{
    public ValidateOptionsResult Validate(string? name, CareSequencingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Named registrations say which one failed: a host running "current" and "candidate" must know.
        var prefix = string.IsNullOrEmpty(name) ? "CareSequencing: " : $"CareSequencing ({name}): ";
        var failures = new List<string>();
        if (options.PackPaths.Count == 0 && options.PackSources.Count == 0)
            failures.Add(prefix + "configure at least one pack source: a folder in PackPaths, or AddEmbeddedPacks(...).");
        failures.AddRange(options.PackPaths.Where(p => string.IsNullOrWhiteSpace(p) || !Directory.Exists(p))
            .Select(p => $"{prefix}pack folder '{p}' does not exist."));
        foreach (var source in options.PackSources)
        {
            if (source is null)
                failures.Add(prefix + "PackSources holds a null source.");
            else if (source.IsFolder && !Directory.Exists(source.Path))
                failures.Add($"{prefix}pack folder '{source.Path}' does not exist.");
            else if (!source.IsFolder && !PackFiles.EmbeddedNames(source.Assembly!, source.ResourcePrefix!).Any())
                failures.Add($"{prefix}assembly '{source.Assembly!.GetName().Name}' embeds no resource under '{source.ResourcePrefix}/' "
                    + "(embed the packs with LogicalName=\"prefix/%(RecursiveDir)%(Filename)%(Extension)\").");
        }
        failures.AddRange(PackVersionPins.Problems(options.PackVersions).Select(p => prefix + p));
        if (options.PackLimits is null) failures.Add(prefix + "PackLimits must not be null (PackLoadLimits.Default is the default).");
        else failures.AddRange(options.PackLimits.Problems().Select(p => prefix + p));
        if (options.ReloadDebounce < TimeSpan.Zero) failures.Add(prefix + "ReloadDebounce must not be negative.");
        if (!Languages.IsSupported(options.Language))
            failures.Add($"{prefix}Language must be one of {string.Join(", ", Languages.Supported)}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
