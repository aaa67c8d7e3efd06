using System.Diagnostics;
using System.Globalization;
using SharpFuzz;

namespace CareSequencing.Fuzz;

/// <summary>Entry point; the commands are listed below.</summary>
// Fuzz targets for CareSequencing (docs/reliability.md, "Fuzzing").
//   run <target> [--seconds N] [--corpus DIR]... [--crashes DIR] [--keep DIR] [--seed N]   built-in mutation fuzzing, no instrumentation
//   replay <target> <file-or-folder>...                                                  runs inputs once (a crash corpus, a seed corpus)
//   afl <target>                                                                         under afl-fuzz, after 'sharpfuzz' instrumentation
//   libfuzzer <target>                                                                   under libfuzzer-dotnet, after instrumentation
internal static class FuzzProgram
{
    public static int Main(string[] args)
    {
        if (args.Length < 2 || !FuzzTargets.Names.Contains(args[1]))
        {
            Console.Error.WriteLine($"usage: CareSequencing.Fuzz (run|replay|afl|libfuzzer) <{string.Join("|", FuzzTargets.Names)}> [options]");
            return 2;
        }
        var target = FuzzTargets.Get(args[1]);
        switch (args[0])
        {
            case "afl":
                // Each input arrives on a stream; an exception that escapes is reported to AFL as a crash.
                Fuzzer.OutOfProcess.Run(stream =>
                {
                    using var memory = new MemoryStream();
                    stream.CopyTo(memory);
                    target(FuzzTargets.Decode(memory.ToArray()));
                });
                return 0;
            case "libfuzzer":
                Fuzzer.LibFuzzer.Run(bytes => target(FuzzTargets.Decode(bytes)));
                return 0;
            case "replay":
                return BuiltInFuzzer.Replay(args[1], target, args.Skip(2));
            case "run":
                return BuiltInFuzzer.Run(args[1], target, BuiltInFuzzer.Options.Parse(args.Skip(2).ToArray()));
            default:
                Console.Error.WriteLine($"unknown command '{args[0]}'");
                return 2;
        }
    }
}

/// <summary>Random mutation fuzzing in-process: no coverage feedback, so new outcome signatures stand in for it.</summary>
internal static class BuiltInFuzzer
{
    internal sealed record Options(double Seconds, IReadOnlyList<string> Corpus, string? Crashes, string? Keep, int Seed, long MaxExecutions)
    {
        public static Options Parse(string[] args)
        {
            double seconds = 30;
            var corpus = new List<string>();
            string? crashes = null, keep = null;
            var seed = Environment.TickCount;
            long max = long.MaxValue;
            for (var i = 0; i < args.Length; i++)
            {
                var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"'{args[i]}' needs a value.");
                switch (args[i++])
                {
                    case "--seconds": seconds = double.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--corpus": corpus.Add(value); break;
                    case "--crashes": crashes = value; break;
                    case "--keep": keep = value; break;
                    case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); break;
                    case "--executions": max = long.Parse(value, CultureInfo.InvariantCulture); break;
                    default: throw new ArgumentException($"Unknown option '{args[i - 1]}'.");
                }
            }
            return new(seconds, corpus, crashes, keep, seed, max);
        }
    }

    /// <summary>An execution slower than this is reported (and kept with --crashes) as a possible denial of service.</summary>
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(2);

    public static int Run(string name, Func<string, string> target, Options options)
    {
        var corpus = options.Corpus.SelectMany(Files).Select(File.ReadAllText).ToList();
        if (corpus.Count == 0) corpus.Add("");
        var random = new Random(options.Seed);
        var outcomes = new HashSet<string>(StringComparer.Ordinal);
        var crashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var seed in corpus) Execute(seed);
        var seeds = corpus.Count;
        var clock = Stopwatch.StartNew();
        long executions = 0;
        while (clock.Elapsed.TotalSeconds < options.Seconds && executions < options.MaxExecutions)
        {
            var parent = corpus[random.Next(corpus.Count)];
            // Through UTF-8 and back, as a file would be read: a kept input then replays exactly.
            var input = FuzzTargets.Decode(System.Text.Encoding.UTF8.GetBytes(Mutator.Mutate(parent, random, corpus[random.Next(corpus.Count)])));
            var outcome = Execute(input);
            executions++;
            if (outcome is not null && outcomes.Add(outcome) && corpus.Count < 10_000)
            {
                corpus.Add(input);
                Save(options.Keep, "input", input);
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: seed {options.Seed}, {executions} executions in {clock.Elapsed.TotalSeconds:F1} s ({executions / Math.Max(clock.Elapsed.TotalSeconds, 0.001):F0}/s), {seeds} seed input(s), {outcomes.Count} distinct outcome(s), {crashes.Count} distinct crash(es)"));
        return crashes.Count == 0 ? 0 : 1;

        string? Execute(string input)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var outcome = target(input);
                if (Stopwatch.GetElapsedTime(started) > Slow)
                {
                    Console.WriteLine($"slow input ({Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s): {Save(options.Crashes, "slow", input)}");
                }
                return outcome;
            }
            catch (Exception e)
            {
                // One report per exception type and throwing frame; the input is kept for the regression corpus.
                var frame = new StackTrace(e).GetFrames().FirstOrDefault()?.GetMethod();
                var key = $"{e.GetType().FullName} at {frame?.DeclaringType?.FullName}.{frame?.Name}";
                if (crashes.Add(key))
                {
                    Console.WriteLine($"CRASH {key}: {Save(options.Crashes, "crash", input)}");
                    Console.WriteLine(e);
                }
                return null;
            }
        }
    }

    public static int Replay(string name, Func<string, string> target, IEnumerable<string> paths)
    {
        var failed = 0;
        var files = paths.SelectMany(Files).ToList();
        foreach (var file in files)
        {
            try
            {
                Console.WriteLine($"{file}: {target(File.ReadAllText(file))}");
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine($"{file}: CRASH {e}");
            }
        }
        Console.WriteLine($"{name}: {files.Count} input(s), {failed} crash(es)");
        return failed == 0 ? 0 : 1;
    }

    private static IEnumerable<string> Files(string path) =>
        Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : [path];

    private static string Save(string? folder, string prefix, string input)
    {
        if (folder is null) return "(not kept: no folder given)";
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{prefix}-{Mutator.Digest(input)}.txt");
        File.WriteAllText(path, input);
        return path;
    }
}
