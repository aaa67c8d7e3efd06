using System.CommandLine;
using System.Globalization;
using CareSequencing;
using CareSequencing.Authoring.Scenarios;
using CareSequencing.Authoring.Validation;
using CareSequencing.Cli.Commands;
using CareSequencing.Loading;
using CareSequencing.Presentation;

namespace CareSequencing.Cli;

/// <summary>The <c>caresequencing</c> command.</summary>
internal static class Program
{
    /// <summary>Exit codes: 0 success, 1 findings (rule errors, failed scenarios), 2 unusable input, 3 an unexpected failure of the tool.</summary>
    private const int Success = 0;
    private const int Findings = 1;
    private const int BadInput = 2;
    internal const int UnexpectedFailure = 3;
    private const string AtcReferenceFileName = "atc-codes.tsv";

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>
    /// Parses and runs one command. A failure nobody foresaw prints one line naming its type and exits 3:
    /// never a stack trace, which would show internals and perhaps input text to whoever reads the console.
    /// </summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return BuildCommand(stdout, stderr).Parse(args)
                .Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var at = Array.IndexOf(args, "--lang");
            var language = at >= 0 && at + 1 < args.Length && Model.Languages.IsSupported(args[at + 1]) ? args[at + 1] : Model.Languages.Fallback;
            stderr.WriteLine(CliText.Get("cli.unexpected-error", language, ex.GetType().Name));
            return UnexpectedFailure;
        }
    }

    internal static RootCommand BuildCommand(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("CareSequencing: clinical decision support for care sequencing (proposals, not orders).");
        root.Subcommands.Add(EvalCommand(stdout, stderr));
        root.Subcommands.Add(ValidateCommand(stdout, stderr));
        root.Subcommands.Add(DiffCommand.Create(stdout, stderr));
        root.Subcommands.Add(TestCommand(stdout, stderr));
        root.Subcommands.Add(Commands.ExplainCommand.Create(stdout, stderr));
        root.Subcommands.Add(ImportCommand.Create(stdout, stderr));
        root.Subcommands.Add(MapCommand.Create(stdout, stderr));
        return root;
    }

    private static Option<string[]> RulesOption() => new("--rules")
    {
        Description = "Rule pack folder(s); defaults to the packs shipped with the tool.",
        AllowMultipleArgumentsPerToken = true,
    };

    private static Command EvalCommand(TextWriter stdout, TextWriter stderr)
    {
        var patientArgument = new Argument<FileInfo>("PATIENT_FILE") { Description = "Patient context: YAML or JSON, or FHIR R4 (a Bundle or a single resource, JSON or XML, told by content)." };
        var rules = RulesOption();
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "cds-hooks");
        var language = CliText.LanguageOption("Language of the advice and messages: en or fr.");
        var asOf = new Option<string?>("--as-of") { Description = "Evaluate as of this date (yyyy-mm-dd) instead of today." };
        var includeDraft = new Option<bool>("--include-draft") { Description = "Also run draft rules (authors only)." };
        var timings = new Option<bool>("--timings") { Description = "Print load, compile and first-evaluation times to stderr." };
        var atcIndex = new Option<FileInfo?>("--atc-index")
        {
            Description = "The ATC codes the host recognises (one per line, or the WHO CSV): a medication code not in it is reported (CSQ3011). Default: codes are checked for form only.",
        };

        var command = new Command("eval", "Evaluate a patient against the rule packs and print ranked proposals and alerts.")
        {
            patientArgument, rules, format, language, asOf, includeDraft, timings, atcIndex,
        };
        var limits = new PackLimitOptions();
        limits.AddTo(command);
        var inputLimits = new InputLimitOptions();
        inputLimits.AddTo(command);
        command.SetAction(parse =>
        {
            var file = parse.GetValue(patientArgument)!;
            var lang = parse.GetValue(language)!;
            if (!TryParseAsOf(parse.GetValue(asOf), stderr, out var date, lang)) return BadInput;
            AtcVocabulary? vocabulary = null;
            if (parse.GetValue(atcIndex) is { } vocabularyFile)
            {
                try
                {
                    vocabulary = AtcVocabulary.Load(vocabularyFile.FullName);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
                {
                    stderr.WriteLine(CliText.Get("cli.atc-index-unreadable", lang, vocabularyFile.Name, ex.Message));
                    return BadInput;
                }
            }
            if (LoadRules(parse.GetValue(rules), limits.Read(parse), stderr, out var load, lang, out var failure, vocabulary) is not { } ruleSet) return failure;

            PatientContext patient;
            DateTimeOffset? clock = null;
            // A scenario file is a patient with a fixed clock: evaluate it as the scenario runner would.
            if (IsScenario(file.FullName))
            {
                try
                {
                    var scenario = Scenario.Read(file.FullName, file.Name);
                    patient = scenario.Patient;
                    clock = scenario.EvaluatedAt;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PatientContextFormatException or FormatException)
                {
                    stderr.WriteLine(CliText.Get("cli.patient-unreadable", lang, file.Name, ex.Message));
                    return BadInput;
                }
            }
            else if (!FhirPatientFile.TryRead(file, inputLimits.Fhir(parse), inputLimits.Patient(parse), lang, stderr, out patient)) return BadInput;

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var evaluator = clock is { } at ? new CareEvaluator(ruleSet, new FixedTimeProvider(at)) : new CareEvaluator(ruleSet);
            var advice = evaluator.Evaluate(patient, new EvaluationSettings
            {
                Language = lang,
                AsOf = date,
                IncludeDraftRules = parse.GetValue(includeDraft),
                AtcVocabulary = vocabulary,
            });
            if (parse.GetValue(timings))
            {
                var first = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                stderr.WriteLine(Invariant($"timings: read {load!.Timings.Read.TotalMilliseconds:0.0} ms, compile {load.Timings.Compile.TotalMilliseconds:0.0} ms ({ruleSet.RuleCount} rules and entries), first evaluation {first.TotalMilliseconds:0.00} ms"));
            }
            stdout.Write(parse.GetValue(format) switch
            {
                "json" => AdviceJsonWriter.Write(advice) + "\n",
                "cds-hooks" => CdsHooksWriter.Write(advice) + "\n",
                _ => AdviceTextWriter.Write(advice),
            });
            return Success;
        });
        return command;
    }

    private static Command ValidateCommand(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("DIR") { Description = "Rule pack folder(s).", Arity = ArgumentArity.ZeroOrMore };
        var atcIndex = new Option<FileInfo?>("--atc-index")
        {
            Description = "List of known ATC codes (one per line, or the WHO CSV). Default: reference/atc-codes.tsv beside the packs, when present.",
        };
        var language = CliText.LanguageOption("Language of the messages and hints: en or fr (codes and severities stay as they are).");
        var command = new Command("validate", "Check rule packs and print every diagnostic as path(line,col): severity CODE: message.") { paths, atcIndex, language };
        var limits = new PackLimitOptions();
        limits.AddTo(command);
        command.SetAction(parse =>
        {
            var lang = parse.GetValue(language)!;
            var folders = Resolve(parse.GetValue(paths));
            var referencePath = parse.GetValue(atcIndex)?.FullName ?? FindAtcReference(folders);
            AtcVocabulary? reference = null;
            try
            {
                reference = referencePath is null ? null : AtcVocabulary.Load(referencePath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                stderr.WriteLine(CliText.Get("cli.atc-index-unreadable", lang, Path.GetFileName(referencePath), ex.Message));
                return BadInput;
            }
            // The same load as eval and test: a pack this command calls wrong is one they refuse.
            var result = Load(folders, limits.Read(parse), reference);
            var loaded = result.GetPartialRuleSet();
            var all = result.Diagnostics
                .Concat(PackLinter.Lint(loaded, new PackLintOptions()))
                .Concat(result.HasErrors ? [] : PackLinter.LintScenarioFolders(loaded, folders)) // against a partial set, every expectation would look unknown
                .OrderBy(d => d.Location.File, StringComparer.Ordinal).ThenBy(d => d.Location.Line).ThenBy(d => d.Location.Column)
                .ThenBy(d => d.Code, StringComparer.Ordinal)
                .ToList();
            foreach (var diagnostic in all) stdout.WriteLine(diagnostic.ToString(lang));
            var errors = all.Count(d => d.Severity == DiagnosticSeverity.Error);
            var warnings = all.Count - errors;
            if (reference is not null)
                stdout.WriteLine(CliText.Get("cli.atc-checked", lang, reference.SourceName, reference.Count));
            stdout.WriteLine(CliText.Get("cli.validate-summary", lang, loaded.Packs.Count, result.RejectedPacks.Count, errors, warnings));
            return errors > 0 ? Findings : Success;
        });
        return command;
    }

    /// <summary>The shipped layout keeps the checked ATC excerpt in <c>rules/reference/</c>, beside the packs.</summary>
    private static string? FindAtcReference(IEnumerable<string> folders)
    {
        foreach (var folder in folders)
        {
            var full = Path.GetFullPath(folder);
            foreach (var candidate in new[] { full, Path.GetDirectoryName(full) })
            {
                if (candidate is null) continue;
                var path = Path.Combine(candidate, "reference", AtcReferenceFileName);
                if (File.Exists(path)) return path;
            }
        }
        return null;
    }

    private static Command TestCommand(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string?>("DIR") { Description = "Rule pack folder(s) with scenarios/.", Arity = ArgumentArity.ZeroOrOne };
        var approve = new Option<bool>("--approve") { Description = "Approve the current advice of every scenario (writes *.verified.json)." };
        var coverage = new TestCoverage();
        var language = CliText.LanguageOption("Language of the tool's messages: en or fr (each scenario keeps its own advice language).");
        var command = new Command("test", "Run every scenario and compare its advice with the approved snapshot.") { path, approve, coverage.Coverage, coverage.Strict, language };
        var limits = new PackLimitOptions();
        limits.AddTo(command);
        command.SetAction(parse =>
        {
            var lang = parse.GetValue(language)!;
            var root = Resolve(parse.GetValue(path) is { } p ? [p] : null)[0];
            if (LoadRules([root], limits.Read(parse), stderr, out _, lang, out var loadFailure) is not { } ruleSet) return loadFailure;
            IReadOnlyList<Scenario> scenarios;
            try
            {
                scenarios = ScenarioRunner.Discover(root);
            }
            catch (FormatException ex)
            {
                stderr.WriteLine(CliText.Get("cli.error", lang, ex is ScenarioFormatException scenarioError ? scenarioError.Localized(lang) : ex.Message));
                return BadInput;
            }
            var mode = parse.GetValue(approve) ? SnapshotMode.Approve : SnapshotMode.Verify;
            var failed = 0;
            var results = new List<ScenarioResult>();
            foreach (var scenario in scenarios)
            {
                var result = ScenarioRunner.Run(ruleSet, scenario, mode);
                results.Add(result);
                stdout.WriteLine($"{CliText.Get(result.Passed ? "cli.pass" : "cli.fail", lang)} {scenario.Name}");
                foreach (var failure in result.GetFailures(lang)) stdout.WriteLine("  " + failure.ReplaceLineEndings("\n  "));
                if (!result.Passed) failed++;
            }
            stdout.WriteLine(CliText.Get("cli.test-summary", lang, scenarios.Count - failed, failed));
            var coverageExit = coverage.Report(parse, ruleSet, results, stdout, stderr, lang);
            return failed > 0 ? Findings : coverageExit;
        });
        return command;
    }

    /// <summary>Loads packs; on any error prints every diagnostic and returns null: advice from a partial rule set would hide missing rules.</summary>
    private static CompiledRuleSet? LoadRules(string[]? paths, PackLoadLimits limits, TextWriter stderr, out RuleSetLoadResult? result, string language,
        out int failure, AtcVocabulary? knownAtcCodes = null)
    {
        failure = Findings;
        try
        {
            result = Load(Resolve(paths), limits, knownAtcCodes);
        }
        catch (AtcReferenceException ex)
        {
            stderr.WriteLine(CliText.Get("cli.atc-index-unreadable", language, ex.FileName, ex.InnerException!.Message));
            result = null;
            failure = BadInput;
            return null;
        }
        if (!result.HasErrors) return result.RuleSet;
        CliText.WriteErrors(result.Diagnostics, stderr, language);
        stderr.WriteLine(CliText.Get("cli.load-failed", language));
        return null;
    }

    /// <summary>Loads the packs under <paramref name="paths"/> with the limits of the command line.</summary>
    /// <remarks>
    /// Without <paramref name="knownAtcCodes"/>, the checked excerpt beside the packs (<c>reference/atc-codes.tsv</c>)
    /// is the ATC reference, as for <c>validate</c>: every command gives a pack the same verdict.
    /// </remarks>
    /// <exception cref="AtcReferenceException">The reference beside the packs cannot be read.</exception>
    /// <param name="paths">Pack folders or folders of packs.</param>
    /// <param name="limits">The limits of the command line.</param>
    /// <param name="knownAtcCodes">The ATC reference to check pack codes against; null for the one beside the packs.</param>
    /// <param name="checkAtcReference">False to skip the code check (diff compares old versions, which may name codes the current excerpt dropped).</param>
    internal static RuleSetLoadResult Load(IEnumerable<string> paths, PackLoadLimits limits, AtcVocabulary? knownAtcCodes = null, bool checkAtcReference = true)
    {
        var folders = paths.ToList();
        if (checkAtcReference && knownAtcCodes is null && FindAtcReference(folders) is { } referencePath)
        {
            try
            {
                knownAtcCodes = AtcVocabulary.Load(referencePath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                throw new AtcReferenceException(Path.GetFileName(referencePath), ex);
            }
        }
        return RulePackLoader.Load(folders.Select(RulePackSource.Folder), pinnedVersions: null, limits, knownAtcCodes);
    }

    /// <summary>The ATC reference beside the packs exists but cannot be read.</summary>
    internal sealed class AtcReferenceException(string fileName, Exception inner) : Exception(fileName, inner)
    {
        public string FileName { get; } = fileName;
    }

    /// <summary>Reads <c>--as-of</c> (yyyy-mm-dd); reports a malformed date on <paramref name="stderr"/>.</summary>
    internal static bool TryParseAsOf(string? text, TextWriter stderr, out DateOnly? date, string language = "en")
    {
        date = null;
        if (text is null) return true;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            stderr.WriteLine(CliText.Get("cli.as-of-format", language));
            return false;
        }
        date = parsed;
        return true;
    }

    /// <summary>The packs shipped beside the tool unless folders are given.</summary>
    internal static string[] Resolve(string[]? paths)
    {
        if (paths is { Length: > 0 }) return paths;
        var shipped = Path.Combine(AppContext.BaseDirectory, "rules");
        return [Directory.Exists(shipped) ? shipped : "rules"];
    }

    private static bool IsScenario(string path) =>
        File.Exists(path) && File.ReadLines(path).Any(line => line.StartsWith("patient:", StringComparison.Ordinal));

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
