using System.Diagnostics;
using CareSequencing.Compilation;
using CareSequencing.Loading;
using CareSequencing.Model;

namespace CareSequencing;

/// <summary>
/// Loads rule packs from folders: reads YAML, validates, compiles every condition, and returns a
/// <see cref="CompiledRuleSet"/> with every diagnostic. A pack with any error is left out whole;
/// the other packs still load.
/// </summary>
public static class RulePackLoader
{
    /// <summary>Loads the packs found under each path.</summary>
    /// <param name="paths">Pack folders (holding <c>pack.yaml</c>) or folders of packs.</param>
    /// <returns>The compiled set of valid packs and all diagnostics.</returns>
    public static RuleSetLoadResult Load(params IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var started = Stopwatch.GetTimestamp();
        var diagnostics = new DiagnosticBag();
        var packs = new List<RulePack>();
        var rejected = new List<string>();
        var directories = paths.SelectMany(path => FindPacks(path, diagnostics)).ToList();
        // Packs are independent until their ids are compared: read them in parallel, keep their order.
        var read = directories.AsParallel().AsOrdered()
            .Select(directory =>
            {
                var local = new DiagnosticBag();
                var pack = RulePackReader.Read(directory, local, out var readable);
                return (Directory: directory, Pack: pack, Readable: readable, Local: local);
            })
            .ToList();
        foreach (var (directory, pack, readable, local) in read)
        {
            diagnostics.AddRange(local.Items);
            if (pack is not null)
            {
                packs.Add(pack);
                continue;
            }
            rejected.Add(RulePackReader.DisplayPath(directory));
            RulePackCompiler.CheckConditions(readable, diagnostics);
        }

        var readTime = Stopwatch.GetElapsedTime(started);
        var ruleSet = RulePackCompiler.Compile(packs, diagnostics);
        var compile = Stopwatch.GetElapsedTime(started) - readTime;
        rejected.AddRange(packs.Where(p => !ruleSet.Packs.Contains(p.Reference)).Select(p => RulePackReader.DisplayPath(p.Directory)));
        return new RuleSetLoadResult(ruleSet, [.. Sorted(diagnostics.Items)], [.. rejected], new LoadTimings(readTime, compile));
    }

    /// <summary>A folder with <c>pack.yaml</c> is one pack; otherwise every such folder below it is.</summary>
    private static List<string> FindPacks(string path, DiagnosticBag diagnostics)
    {
        if (!Directory.Exists(path))
        {
            diagnostics.Add(new(DiagnosticCodes.MissingManifest, DiagnosticSeverity.Error, new MessageText("diag.folder-not-found"),
                new(RulePackReader.DisplayPath(path), 1, 1)));
            return [];
        }
        var found = new List<string>();
        Walk(Path.GetFullPath(path));
        if (found.Count == 0)
            diagnostics.Add(new(DiagnosticCodes.MissingManifest, DiagnosticSeverity.Error,
                new MessageText("diag.no-pack-under-folder", RulePackReader.ManifestFileName), new(RulePackReader.DisplayPath(path), 1, 1)));
        return found;

        void Walk(string directory)
        {
            if (File.Exists(Path.Combine(directory, RulePackReader.ManifestFileName)))
            {
                found.Add(directory);
                return;
            }
            foreach (var child in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(child);
                if (!name.StartsWith('.') && !string.Equals(name, RulePackReader.ScenariosFolder, StringComparison.Ordinal)) Walk(child);
            }
        }
    }

    private static IEnumerable<RulePackDiagnostic> Sorted(IEnumerable<RulePackDiagnostic> diagnostics) => diagnostics
        .OrderBy(d => d.Location.File, StringComparer.Ordinal)
        .ThenBy(d => d.Location.Line)
        .ThenBy(d => d.Location.Column)
        .ThenBy(d => d.Code, StringComparer.Ordinal);
}

/// <summary>What <see cref="RulePackLoader.Load"/> produced.</summary>
public sealed class RuleSetLoadResult
{
    internal RuleSetLoadResult(CompiledRuleSet ruleSet, IReadOnlyList<RulePackDiagnostic> diagnostics, IReadOnlyList<string> rejectedPacks,
        LoadTimings timings)
    {
        Timings = timings;
        RuleSet = ruleSet;
        Diagnostics = diagnostics;
        RejectedPacks = rejectedPacks;
    }

    /// <summary>The packs that loaded without error, compiled.</summary>
    public CompiledRuleSet RuleSet { get; }

    /// <summary>Every diagnostic, ordered by file, line and column.</summary>
    public IReadOnlyList<RulePackDiagnostic> Diagnostics { get; }

    /// <summary>Folders of the packs left out because of errors.</summary>
    public IReadOnlyList<string> RejectedPacks { get; }

    /// <summary>How long reading and compiling took; the first evaluation is timed by the caller (see the CLI's <c>--timings</c>).</summary>
    public LoadTimings Timings { get; }

    /// <summary>True when any diagnostic is an error (and so some pack was left out).</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Returns the rule set, or throws <see cref="RulePackLoadException"/> when anything failed to load.</summary>
    /// <returns>The compiled rule set.</returns>
    public CompiledRuleSet GetRuleSetOrThrow() => HasErrors ? throw new RulePackLoadException(Diagnostics) : RuleSet;
}

/// <summary>Wall-clock time of the two load stages, for start-up budgets and benchmarks.</summary>
/// <param name="Read">Finding, reading, parsing and validating the YAML files.</param>
/// <param name="Compile">Compiling every condition to a delegate and building the indexes.</param>
public sealed record LoadTimings(TimeSpan Read, TimeSpan Compile);
