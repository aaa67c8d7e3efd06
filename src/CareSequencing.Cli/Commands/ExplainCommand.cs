using System.CommandLine;
using System.Globalization;
using CareSequencing.Authoring.Explain;
using CareSequencing.Loading;

namespace CareSequencing.Cli.Commands;

/// <summary>
/// <c>caresequencing explain PATIENT_FILE --rule ID</c>: why one rule fired or did not for one
/// patient, node by node, and where its proposal or alert ranked. For rule authors.
/// </summary>
internal static class ExplainCommand
{
    // The exit codes of every command: 0 success, 1 findings (here: unknown rule id, rules that fail to load), 2 unusable input.
    private const int Success = 0;
    private const int Findings = 1;
    private const int BadInput = 2;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var patientArgument = new Argument<FileInfo>("PATIENT_FILE") { Description = "Patient context: YAML or JSON, or FHIR R4 (a Bundle or a single resource, JSON or XML, told by content)." };
        var ruleOption = new Option<string>("--rule") { Description = "Id of the rule or interaction entry to explain.", Required = true };
        var rules = new Option<string[]>("--rules")
        {
            Description = "Rule pack folder(s); defaults to the packs shipped with the tool.",
            AllowMultipleArgumentsPerToken = true,
        };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var language = CliText.LanguageOption("Language of titles, reasons and messages: en or fr.");
        var asOf = new Option<string?>("--as-of") { Description = "Evaluate as of this date (yyyy-mm-dd) instead of today." };
        var includeDraft = new Option<bool>("--include-draft") { Description = "Also run draft rules (authors only)." };

        var command = new Command("explain",
            "Explain why a rule fired or did not for a patient: its condition node by node with the patient's values, and its ranking.")
        {
            patientArgument, ruleOption, rules, format, language, asOf, includeDraft,
        };
        var limits = new PackLimitOptions();
        limits.AddTo(command);
        var inputLimits = new InputLimitOptions();
        inputLimits.AddTo(command);
        command.SetAction(parse =>
        {
            var lang = parse.GetValue(language)!;
            if (!Program.TryParseAsOf(parse.GetValue(asOf), stderr, out var date, lang)) return BadInput;

            RuleSetLoadResult load;
            try
            {
                load = Program.Load(Program.Resolve(parse.GetValue(rules)), limits.Read(parse));
            }
            catch (Program.AtcReferenceException ex)
            {
                stderr.WriteLine(CliText.Get("cli.atc-index-unreadable", lang, ex.FileName, ex.InnerException!.Message));
                return BadInput;
            }
            if (load.HasErrors)
            {
                CliText.WriteErrors(load.Diagnostics, stderr, lang);
                stderr.WriteLine(CliText.Get("cli.load-failed-explain", lang));
                return Findings;
            }

            var file = parse.GetValue(patientArgument)!;
            if (!FhirPatientFile.TryRead(file, inputLimits.Fhir(parse), inputLimits.Patient(parse), lang, stderr, out var patient)) return BadInput;

            var ruleId = parse.GetValue(ruleOption)!;
            RuleExplanation explanation;
            try
            {
                explanation = RuleExplainer.Explain(load.RuleSet, patient, ruleId, new EvaluationSettings
                {
                    Language = lang,
                    AsOf = date,
                    IncludeDraftRules = parse.GetValue(includeDraft),
                });
            }
            catch (UnknownRuleException ex)
            {
                stderr.WriteLine(CliText.Get("cli.unknown-rule", lang, ruleId));
                stderr.WriteLine(ex.Suggestions.Count > 0
                    ? CliText.Get("cli.hint-did-you-mean", lang, string.Join(", ", ex.Suggestions))
                    : CliText.Get("cli.hint-rule-ids", lang));
                return Findings;
            }

            stdout.Write(parse.GetValue(format) == "json"
                ? RuleExplanationJsonWriter.Write(explanation) + "\n"
                : RuleExplanationTextWriter.Write(explanation));
            return Success;
        });
        return command;
    }
}
