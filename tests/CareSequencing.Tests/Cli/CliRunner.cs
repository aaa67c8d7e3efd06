using CareSequencing.Cli;

namespace CareSequencing.Tests.Cli;

/// <summary>Runs the <c>caresequencing</c> command in-process, capturing its output and exit code.</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static string Sample(string name) => Path.Combine(TestData.RepositoryRoot, "samples", "patients", name);
}
