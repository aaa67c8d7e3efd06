using CareSequencing.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareSequencing;

/// <summary>
/// A rule source that watches its pack folders and reloads when a file changes (debounced), or when
/// <see cref="Reload"/> is called. A reload reads and compiles the packs beside the running set and
/// swaps the reference in one atomic step; a change with any error diagnostic is refused, the running
/// set keeps serving, and the diagnostics are exposed in <see cref="LastReload"/> and logged.
/// Thread-safe; reloads and their <see cref="Reloaded"/> events are serialised, in order. A handler of
/// <see cref="Reloaded"/> runs inside that order: it may call <see cref="Reload"/> (the gate is reentrant) but
/// should return quickly. Dispose it to stop watching.
/// </summary>
public sealed partial class WatchingRuleSetSource : IRuleSetSource, IDisposable
{
    /// <summary>Quiet period after the last file event before a reload starts, when none is given.</summary>
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(250);

    private readonly RulePackSource[] _sources;
    private readonly Dictionary<string, string>? _pins;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _debounce;
    private readonly PackLoadLimits _limits;
    private readonly Lock _reloadGate = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ITimer _timer;
    private CompiledRuleSet _current = CompiledRuleSet.Empty;
    private ReloadResult? _lastReload;
    private int _disposed;

    /// <summary>Loads the packs and starts watching their folders.</summary>
    /// <param name="packPaths">Pack folders, or folders of packs, as for <see cref="RulePackLoader.Load(IEnumerable{string})"/>.</param>
    /// <param name="timeProvider">Clock for the debounce timer and the reload times; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Receives reload outcomes and diagnostics (pack files and codes, never patient data).</param>
    /// <param name="debounce">Quiet period after the last file event; <see cref="DefaultDebounce"/> when null.</param>
    /// <exception cref="RulePackLoadException">The first load has an error: there is nothing to serve.</exception>
    public WatchingRuleSetSource(IEnumerable<string> packPaths, TimeProvider? timeProvider = null, ILogger<WatchingRuleSetSource>? logger = null,
        TimeSpan? debounce = null)
        : this(FolderSources(packPaths), pinnedVersions: null, timeProvider, logger, debounce)
    {
    }

    /// <summary>
    /// Loads the packs of every source and watches the folder sources (embedded packs cannot change). A reload
    /// that would load another version of a pinned pack fails with <c>CSQ1027</c> and is refused.
    /// </summary>
    /// <param name="sources">Folders and embedded packs, as for <see cref="RulePackLoader.Load(IEnumerable{RulePackSource}, IReadOnlyDictionary{string, string})"/>.</param>
    /// <param name="pinnedVersions">Pack id → exact version; null for none.</param>
    /// <param name="timeProvider">Clock for the debounce timer and the reload times; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Receives reload outcomes and diagnostics (pack files and codes, never patient data).</param>
    /// <param name="debounce">Quiet period after the last file event; <see cref="DefaultDebounce"/> when null.</param>
    /// <param name="limits">Size and count limits of every load and reload; <see cref="PackLoadLimits.Default"/> when null.</param>
    /// <exception cref="RulePackLoadException">The first load has an error: there is nothing to serve.</exception>
    /// <exception cref="ArgumentException">A limit is not greater than zero.</exception>
    public WatchingRuleSetSource(IEnumerable<RulePackSource> sources, IReadOnlyDictionary<string, string>? pinnedVersions,
        TimeProvider? timeProvider = null, ILogger<WatchingRuleSetSource>? logger = null, TimeSpan? debounce = null, PackLoadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = [.. sources];
        if (_sources.Length == 0) throw new ArgumentException("At least one pack source is required.", nameof(sources));
        if (debounce is { } d) ArgumentOutOfRangeException.ThrowIfLessThan(d, TimeSpan.Zero, nameof(debounce));
        // A copy: a host that changes its dictionary later must not change what a reload accepts.
        _pins = pinnedVersions is null ? null : new Dictionary<string, string>(pinnedVersions, StringComparer.Ordinal);
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _debounce = debounce ?? DefaultDebounce;
        _limits = PackLoadLimits.Validate(limits, nameof(limits));
        _timer = _time.CreateTimer(static state => ((WatchingRuleSetSource)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        // Watch first, then load: an edit saved while the first load reads the files schedules a reload,
        // which waits at the gate for the first load to finish. Loading first would miss it until the next edit.
        lock (_reloadGate)
        {
            StartWatching();
            try
            {
                _current = RulePackLoader.Load(_sources, _pins, _limits).GetRuleSetOrThrow();
            }
            catch
            {
                Dispose();
                throw;
            }
        }
    }

    /// <inheritdoc />
    public CompiledRuleSet Current => Volatile.Read(ref _current);

    /// <inheritdoc />
    public ReloadResult? LastReload => Volatile.Read(ref _lastReload);

    /// <inheritdoc />
    public event EventHandler<ReloadResult>? Reloaded;

    /// <summary>
    /// Reads and compiles every pack now and swaps the served set when all loaded without error and
    /// something changed. Blocks while another reload runs.
    /// </summary>
    /// <returns>The outcome; also in <see cref="LastReload"/>.</returns>
    public ReloadResult Reload()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ReloadResult result;
        lock (_reloadGate)
        {
            var attemptedAt = _time.GetUtcNow();
            var running = Current;
            var loaded = RulePackLoader.Load(_sources, _pins, _limits);
            if (loaded.HasErrors)
            {
                result = new ReloadResult(ReloadOutcome.Refused, changed: false, running, loaded.Diagnostics, attemptedAt);
            }
            else
            {
                // File events also fire for saves that change nothing; identical packs keep the running instance.
                var changed = !running.Packs.SequenceEqual(loaded.RuleSet.Packs);
                if (changed) Volatile.Write(ref _current, loaded.RuleSet);
                result = new ReloadResult(ReloadOutcome.Succeeded, changed, changed ? loaded.RuleSet : running, loaded.Diagnostics, attemptedAt);
            }
            Volatile.Write(ref _lastReload, result);
            // Inside the gate: subscribers and logs see reloads in the order they happened, and the
            // result they receive is still the served one when they receive it.
            Report(result);
            Reloaded?.Invoke(this, result);
        }
        return result;
    }

    /// <summary>Stops watching. The last set stays readable through <see cref="Current"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        foreach (var watcher in _watchers) watcher.Dispose();
        _timer.Dispose();
    }

    private static IEnumerable<RulePackSource> FolderSources(IEnumerable<string> packPaths)
    {
        ArgumentNullException.ThrowIfNull(packPaths);
        return packPaths.Select(RulePackSource.Folder);
    }

    private void StartWatching()
    {
        foreach (var path in _sources.Where(s => s.IsFolder).Select(s => s.Path!))
        {
            try
            {
                var watcher = new FileSystemWatcher(Path.GetFullPath(path))
                {
                    IncludeSubdirectories = true,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                };
                watcher.Changed += OnFileEvent;
                watcher.Created += OnFileEvent;
                watcher.Deleted += OnFileEvent;
                watcher.Renamed += OnFileEvent;
                watcher.Error += OnWatcherError;
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
            catch (Exception error) when (error is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
            {
                // Without a watcher the source still serves and Reload() still works; the host learns why.
                LogWatchFailed(_logger, path, error.GetType().Name);
            }
        }
    }

    // Every event restarts the quiet period, so a burst of saves (editors, git checkouts) gives one reload.
    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        if (Volatile.Read(ref _disposed) != 0) return;
        try
        {
            _timer.Change(_debounce, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and the call.
        }
    }

    private void OnWatcherError(object sender, ErrorEventArgs e)
    {
        LogWatchFailed(_logger, ((FileSystemWatcher)sender).Path, e.GetException().GetType().Name);
        OnFileEvent(sender, new FileSystemEventArgs(WatcherChangeTypes.All, ((FileSystemWatcher)sender).Path, null));
    }

    private void OnTimer()
    {
        if (Volatile.Read(ref _disposed) != 0) return;
        try
        {
            Reload();
        }
        catch (ObjectDisposedException)
        {
            // Disposed while the timer fired.
        }
#pragma warning disable CA1031 // A timer callback must not crash the host; the failure is logged and the running set keeps serving.
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogReloadFailed(_logger, error.GetType().Name, error.Message);
        }
    }

    private void Report(ReloadResult result)
    {
        CareSequencingTelemetry.Reloads.Add(1,
            new KeyValuePair<string, object?>("outcome", result.Outcome == ReloadOutcome.Succeeded ? "succeeded" : "refused"));
        if (result.Outcome == ReloadOutcome.Succeeded)
        {
            if (result.Changed) LogReloaded(_logger, result.RuleSet.Packs);
            return;
        }
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        LogRefused(_logger, errors.Count, result.RuleSet.Packs);
        // Diagnostics name pack files, codes and positions; packs hold no patient data.
        foreach (var diagnostic in errors) LogDiagnostic(_logger, diagnostic);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "CareSequencing rule set reloaded: {Packs}")]
    private static partial void LogReloaded(ILogger logger, IReadOnlyList<PackReference> packs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "CareSequencing reload refused with {ErrorCount} error(s); still serving {Packs}")]
    private static partial void LogRefused(ILogger logger, int errorCount, IReadOnlyList<PackReference> packs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "CareSequencing reload diagnostic: {Diagnostic}")]
    private static partial void LogDiagnostic(ILogger logger, RulePackDiagnostic diagnostic);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "CareSequencing cannot watch {Path} ({Error}); call Reload() to pick up changes")]
    private static partial void LogWatchFailed(ILogger logger, string path, string error);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "CareSequencing reload failed ({Error}: {Message}); still serving the running set")]
    private static partial void LogReloadFailed(ILogger logger, string error, string message);
}
