using System.CommandLine;
using CareSequencing.Model;

namespace CareSequencing.Cli;

/// <summary>The <c>--lang</c> option every command that prints text has, and the tool's own sentences.</summary>
internal static class CliText
{
    /// <summary><c>--lang en|fr</c>, default <c>en</c>; any other value is a usage error like any bad option.</summary>
    public static Option<string> LanguageOption(string description)
    {
        var option = new Option<string>("--lang") { Description = description, DefaultValueFactory = _ => Languages.Fallback };
        option.AcceptOnlyFromAmong([.. Languages.Supported]);
        return option;
    }

    /// <summary>The catalogue sentence <paramref name="key"/> in <paramref name="language"/>.</summary>
    public static string Get(string key, string language, params object?[] args) => MessageCatalog.Get(key, language, args);

    /// <summary>Prints the error diagnostics in <paramref name="language"/>.</summary>
    public static void WriteErrors(IEnumerable<RulePackDiagnostic> diagnostics, TextWriter writer, string language)
    {
        foreach (var diagnostic in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)) writer.WriteLine(diagnostic.ToString(language));
    }
}
