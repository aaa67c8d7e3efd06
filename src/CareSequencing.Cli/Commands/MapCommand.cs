using System.CommandLine;
using CareSequencing.Presentation;

namespace CareSequencing.Cli.Commands;

/// <summary>
/// <c>caresequencing map PATIENT_FILE</c>: prints the patient context the library read from a FHIR Bundle or a
/// patient file, each translated code with the coding it came from and how it was mapped, so that a host developer
/// sees what was understood and what was not before any advice is given.
/// </summary>
internal static class MapCommand
{
    private const int Success = 0;
    private const int BadInput = 2;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var patientArgument = new Argument<FileInfo>("PATIENT_FILE") { Description = "FHIR R4 Bundle or resource (JSON or XML), or a patient context (YAML or JSON)." };
        var format = new Option<string>("--format")
        {
            Description = "json: a patient file in the shape of patient.schema.json (warnings on stderr), which eval reads back; text: a listing.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var language = CliText.LanguageOption("Language of labels and warnings: en or fr.");
        var command = new Command("map", "Print the patient context read from a FHIR Bundle or patient file: codes, where each came from and how it was mapped, what could not be read.")
        {
            patientArgument, format, language,
        };
        var inputLimits = new InputLimitOptions();
        inputLimits.AddTo(command);
        command.SetAction(parse =>
        {
            var file = parse.GetValue(patientArgument)!;
            var lang = parse.GetValue(language)!;
            if (!FhirPatientFile.TryRead(file, inputLimits.Fhir(parse), inputLimits.Patient(parse), lang, stderr, out var patient)) return BadInput;

            if (parse.GetValue(format) == "json")
            {
                stdout.Write(PatientContextJsonWriter.Write(patient));
                // stdout stays a patient file; the warnings are for the person running the command.
                foreach (var warning in patient.InputWarnings)
                {
                    var localized = warning.Localize(lang);
                    stderr.WriteLine($"warning {localized.Code} {localized.Path}: {localized.Message}");
                }
            }
            else stdout.Write(MapTextWriter.Write(patient, lang));
            return Success;
        });
        return command;
    }
}
