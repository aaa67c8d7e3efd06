using System.Diagnostics;
using System.Reflection;
using CareSequencing.Compilation;
using CareSequencing.Loading;
using CareSequencing.Model;

namespace CareSequencing;

/// <summary>
/// Loads rule packs from folders or embedded resources: reads YAML, validates, compiles every
/// condition, and returns a <see cref="CompiledRuleSet"/> with every diagnostic. A pack with any error
/// is left out whole; the other packs still load.
/// </summary>
public static class RulePackLoader
{
    /// <summary>Loads the packs found under each path.</summary>
    /// <param name="paths">Pack folders (holding <c>pack.yaml</c>) or folders of packs.</param>
    /// <returns>The compiled set of valid packs and all diagnostics.</returns>
    public static RuleSetLoadResult Load(params IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Load(paths.Select(RulePackSource.Folder), pinnedVersions: null);
    }

    /// <summary>Loads the packs embedded in an assembly under a resource-name prefix (see <see cref="RulePackSource.Embedded"/>).</summary>
    /// <param name="assembly">The assembly holding the packs.</param>
    /// <param name="prefix">The resource-name prefix, e.g. <c>rules</c>.</param>
    /// <returns>The compiled set of valid packs and all diagnostics, located as <c>embedded:AssemblyName/path:line:col</c>.</returns>
    public static RuleSetLoadResult LoadEmbedded(Assembly assembly, string prefix) =>
        Load([RulePackSource.Embedded(assembly, prefix)], pinnedVersions: null);

    /// <summary>
    /// Loads the packs of every source. A pinned pack must load at exactly its pinned version: when a source
    /// holds several versions of it side by side, the pinned one is selected; when none has that version, or
    /// the pack is missing, the load fails with <c>CSQ1027</c>. Without a pin, two packs with one id fail with
    /// <c>CSQ1015</c>.
    /// </summary>
    /// <param name="sources">Folders and embedded packs, in load order.</param>
    /// <param name="pinnedVersions">Pack id → exact version (e.g. <c>drug-interactions</c> → <c>1.1.0</c>); null for none.</param>
    /// <returns>The compiled set of valid packs and all diagnostics.</returns>
    /// <exception cref="ArgumentException">A pin has an invalid pack id or a version that is not semantic.</exception>
    public static RuleSetLoadResult Load(IEnumerable<RulePackSource> sources, IReadOnlyDictionary<string, string>? pinnedVersions) =>
        Load(sources, pinnedVersions, limits: null);

    /// <summary>
    /// Loads the packs of every source, with pins as in <see cref="Load(IEnumerable{RulePackSource}, IReadOnlyDictionary{string, string})"/>,
    /// under the given size and count limits: a pack that crosses one is refused with <c>CSQ1017</c>.
    /// </summary>
    /// <param name="sources">Folders and embedded packs, in load order.</param>
    /// <param name="pinnedVersions">Pack id → exact version (e.g. <c>drug-interactions</c> → <c>1.1.0</c>); null for none.</param>
    /// <param name="limits">The limits; null for <see cref="PackLoadLimits.Default"/>.</param>
    /// <returns>The compiled set of valid packs and all diagnostics.</returns>
    /// <exception cref="ArgumentException">A pin is malformed, or a limit is not greater than zero.</exception>
    public static RuleSetLoadResult Load(IEnumerable<RulePackSource> sources, IReadOnlyDictionary<string, string>? pinnedVersions, PackLoadLimits? limits) =>
        Load(sources, pinnedVersions, limits, knownAtcCodes: null);

    /// <summary>
    /// Loads the packs of every source as <see cref="Load(IEnumerable{RulePackSource}, IReadOnlyDictionary{string, string}, PackLoadLimits)"/>
    /// does, and also refuses a pack that writes an ATC code missing from <paramref name="knownAtcCodes"/>
    /// (<c>CSQ1020</c>: a rule on a code that names no substance would never fire). This is the check
    /// <c>caresequencing validate</c> runs, so the tool and the loader give one verdict.
    /// </summary>
    /// <param name="sources">Folders and embedded packs, in load order.</param>
    /// <param name="pinnedVersions">Pack id → exact version; null for none.</param>
    /// <param name="limits">The limits; null for <see cref="PackLoadLimits.Default"/>.</param>
    /// <param name="knownAtcCodes">The ATC codes that exist (the WHO index or an excerpt of it); null skips the check.</param>
    /// <returns>The compiled set of valid packs and all diagnostics.</returns>
    /// <exception cref="ArgumentException">A pin is malformed, or a limit is not greater than zero.</exception>
    public static RuleSetLoadResult Load(IEnumerable<RulePackSource> sources, IReadOnlyDictionary<string, string>? pinnedVersions, PackLoadLimits? limits,
        AtcVocabulary? knownAtcCodes)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var packLimits = PackLoadLimits.Validate(limits, nameof(limits));
        var sourceList = sources.ToList();
        if (sourceList.Exists(s => s is null)) throw new ArgumentException("A pack source is null.", nameof(sources));
        var pins = PackVersionPins.Validate(pinnedVersions, nameof(pinnedVersions));
        var started = Stopwatch.GetTimestamp();
        var diagnostics = new DiagnosticBag();
        var packs = new List<RulePack>();
        var rejected = new List<string>();
        var found = sourceList.SelectMany(source => PackFiles.Find(source, diagnostics)).ToList();
        // Packs are independent until their ids are compared: read them in parallel, keep their order.
        var read = found.AsParallel().AsOrdered()
            .Select(files =>
            {
                var local = new DiagnosticBag();
                var pack = RulePackReader.Read(files, local, out var readable, packLimits);
                return (Files: files, Pack: pack, Readable: readable, Local: local);
            })
            .ToList();
        foreach (var (files, pack, readable, local) in read)
        {
            diagnostics.AddRange(local.Items);
            if (pack is not null)
            {
                packs.Add(pack);
                continue;
            }
            rejected.Add(RulePackReader.DisplayPath(files.Root));
            RulePackCompiler.CheckConditions(readable, diagnostics);
        }
        packs = PackVersionPins.Select(packs, pins, sourceList, diagnostics, rejected);
        // Checks that need the whole pack: what validate reports as an error, the loader refuses too.
        packs = packs.Where(pack =>
        {
            if (PackChecks.Check(pack, knownAtcCodes, diagnostics)) return true;
            rejected.Add(RulePackReader.DisplayPath(pack.Directory));
            return false;
        }).ToList();

        var readTime = Stopwatch.GetElapsedTime(started);
        var ruleSet = RulePackCompiler.Compile(packs, diagnostics);
        var compile = Stopwatch.GetElapsedTime(started) - readTime;
        rejected.AddRange(packs.Where(p => !ruleSet.Packs.Contains(p.Reference)).Select(p => RulePackReader.DisplayPath(p.Directory)));
        return new RuleSetLoadResult(ruleSet, [.. Sorted(diagnostics.Items)], [.. rejected], new LoadTimings(readTime, compile));
    }

    private static IEnumerable<RulePackDiagnostic> Sorted(IEnumerable<RulePackDiagnostic> diagnostics) => diagnostics
        .OrderBy(d => d.Location.File, StringComparer.Ordinal)
        .ThenBy(d => d.Location.Line)
        .ThenBy(d => d.Location.Column)
        .ThenBy(d => d.Code, StringComparer.Ordinal);
}

/// <summary>What <see cref="RulePackLoader"/> produced.</summary>
public sealed class RuleSetLoadResult
{
    private readonly CompiledRuleSet _ruleSet;

    internal RuleSetLoadResult(CompiledRuleSet ruleSet, IReadOnlyList<RulePackDiagnostic> diagnostics, IReadOnlyList<string> rejectedPacks,
        LoadTimings timings)
    {
        Timings = timings;
        _ruleSet = ruleSet;
        Diagnostics = diagnostics;
        HasErrors = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        RejectedPacks = rejectedPacks;
    }

    /// <summary>
    /// The compiled rule set when every pack loaded. Safe by default: when any pack was refused this throws
    /// <see cref="RulePackLoadException"/> rather than hand over a set silently missing, say, its interaction
    /// pack. A host that wants to run without the refused packs says so with <see cref="GetPartialRuleSet"/>.
    /// </summary>
    /// <exception cref="RulePackLoadException">Some diagnostic is an error.</exception>
    public CompiledRuleSet RuleSet => HasErrors ? throw new RulePackLoadException(Diagnostics) : _ruleSet;

    /// <summary>Every diagnostic, ordered by file, line and column.</summary>
    public IReadOnlyList<RulePackDiagnostic> Diagnostics { get; }

    /// <summary>Folders (or embedded roots) of the packs left out because of errors.</summary>
    public IReadOnlyList<string> RejectedPacks { get; }

    /// <summary>How long reading and compiling took; the first evaluation is timed by the caller (see the CLI's <c>--timings</c>).</summary>
    public LoadTimings Timings { get; }

    /// <summary>True when any diagnostic is an error (and so some pack was left out).</summary>
    public bool HasErrors { get; }

    /// <summary>Returns the rule set, or throws <see cref="RulePackLoadException"/> when anything failed to load.</summary>
    /// <returns>The compiled rule set.</returns>
    public CompiledRuleSet GetRuleSetOrThrow() => RuleSet;

    /// <summary>
    /// The packs that loaded without error, compiled, even when others were refused (listed in
    /// <see cref="RejectedPacks"/>). Running on a partial set is a decision the host makes by name: its advice
    /// says nothing about what the refused packs cover.
    /// </summary>
    /// <returns>The compiled set of the packs that loaded.</returns>
    public CompiledRuleSet GetPartialRuleSet() => _ruleSet;
}

/// <summary>Wall-clock time of the two load stages, for start-up budgets and benchmarks.</summary>
/// <param name="Read">Finding, reading, parsing and validating the YAML files.</param>
/// <param name="Compile">Compiling every condition to a delegate and building the indexes.</param>
public sealed record LoadTimings(TimeSpan Read, TimeSpan Compile);
