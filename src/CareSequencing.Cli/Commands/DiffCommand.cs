using System.CommandLine;
using CareSequencing.Authoring.Diff;

namespace CareSequencing.Cli.Commands;

/// <summary>
/// <c>caresequencing diff OLD NEW</c>: what a new version of rule packs changes, for the reviewer
/// who approves it. Always exits 0 when both sides are readable, whatever changed: the diff informs,
/// <c>validate</c> and <c>test</c> gate. Exit 2 when a side cannot be read (missing folder, a pack
/// with errors, an invalid scenario).
/// </summary>
internal static class DiffCommand
{
    private const int Success = 0;
    private const int BadInput = 2;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var oldPath = new Argument<string>("OLD") { Description = "The previous rules: a pack folder or a folder of packs (e.g. a checkout of the released version)." };
        var newPath = new Argument<string>("NEW") { Description = "The rules under review, same layout." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var language = CliText.LanguageOption("Language of the report and messages: en or fr.");
        var command = new Command("diff",
            "Compare two versions of rule packs: versions, rules and interaction entries added, removed and changed, "
            + "and the scenarios whose advice changes (NEW's scenarios run against OLD's and NEW's rules).")
        {
            oldPath, newPath, format, language,
        };
        var limits = new PackLimitOptions();
        limits.AddTo(command);
        command.SetAction(parse =>
        {
            var lang = parse.GetValue(language)!;
            var packLimits = limits.Read(parse);
            if (Load("OLD", parse.GetValue(oldPath)!, packLimits, stderr, lang) is not { } oldRules) return BadInput;
            if (Load("NEW", parse.GetValue(newPath)!, packLimits, stderr, lang) is not { } newRules) return BadInput;
            RuleSetDiff diff;
            try
            {
                diff = PackDiff.Compare(oldRules, newRules);
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine(CliText.Get("cli.error", lang, ex.Message));
                return BadInput;
            }
            if (parse.GetValue(format) != "json")
            {
                stdout.Write(PackDiffTextWriter.Write(diff, lang));
                return Success;
            }
            stdout.Write(PackDiffJsonWriter.Write(diff) + "\n");
            // The text output shows warnings inline; with JSON on stdout, a reviewer still sees them.
            foreach (var warning in diff.Warnings) stderr.WriteLine($"warning {warning.Code}: {warning.PackId}: {warning.GetMessage(lang)}");
            return Success;
        });
        return command;
    }

    /// <summary>A side with any load error is unreadable: comparing a partial rule set would report its missing packs as removed.</summary>
    private static CompiledRuleSet? Load(string side, string path, PackLoadLimits limits, TextWriter stderr, string language)
    {
        var result = Program.Load([path], limits, checkAtcReference: false);
        if (!result.HasErrors) return result.RuleSet;
        CliText.WriteErrors(result.Diagnostics, stderr, language);
        stderr.WriteLine(CliText.Get("cli.diff-load-failed", language, side, path));
        return null;
    }
}
