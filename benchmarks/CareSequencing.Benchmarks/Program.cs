using BenchmarkDotNet.Running;

namespace CareSequencing.Benchmarks;

internal static class Program
{
    /// <summary>
    /// Runs the benchmarks selected with --filter. BenchmarkDotNet exits 0 even when a benchmark
    /// throws, so the summaries are checked here and any failure makes the exit code non-zero.
    /// </summary>
    public static int Main(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        var failed = summaries.SelectMany(s => s.Reports).Where(r => !r.Success).ToList();
        var empty = summaries.Any(s => s.HasCriticalValidationErrors);
        foreach (var report in failed) Console.Error.WriteLine($"benchmark failed: {report.BenchmarkCase.DisplayInfo}");
        if (empty) Console.Error.WriteLine("benchmark validation failed");
        return failed.Count > 0 || empty || !summaries.Any() ? 1 : 0;
    }
}
