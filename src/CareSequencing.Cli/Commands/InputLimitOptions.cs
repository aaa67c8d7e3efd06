using System.CommandLine;
using System.Globalization;
using CareSequencing.Fhir;

namespace CareSequencing.Cli.Commands;

/// <summary>
/// The flags that limit the patient input of <c>eval</c> and <c>explain</c>: <c>--max-patient-*</c> for a patient file
/// (<see cref="PatientInputLimits"/>) and <c>--max-bundle-*</c> for a FHIR Bundle (<see cref="FhirMappingOptions"/>).
/// A flag not given keeps the library's default; a value that is not greater than zero is a usage error.
/// The terminology flags (<see cref="TerminologyOptions"/>) come with them: every command that reads FHIR input has both.
/// </summary>
internal sealed class InputLimitOptions
{
    private readonly Option<int?> _patientBytes = Create("--max-patient-bytes", "Largest patient file, in bytes", PatientInputLimits.Default.MaxBytes, "PatientInputLimits.MaxBytes");
    private readonly Option<int?> _patientDepth = Create("--max-patient-depth", "Deepest nesting in a patient file", PatientInputLimits.Default.MaxDepth, "PatientInputLimits.MaxDepth");
    private readonly Option<int?> _patientNodes = Create("--max-patient-nodes", "Most YAML nodes in a patient file, each alias expansion counted again", PatientInputLimits.Default.MaxNodes, "PatientInputLimits.MaxNodes");
    private readonly Option<int?> _patientChars = Create("--max-patient-expanded-chars", "Most characters in a patient file, aliases expanded", PatientInputLimits.Default.MaxExpandedChars, "PatientInputLimits.MaxExpandedChars");
    private readonly Option<int?> _bundleBytes = Create("--max-bundle-bytes", "Largest FHIR Bundle file, in bytes", new FhirMappingOptions().MaxBundleBytes, "FhirMappingOptions.MaxBundleBytes");
    private readonly Option<int?> _bundleEntries = Create("--max-bundle-entries", "Most entries in a FHIR Bundle", new FhirMappingOptions().MaxEntries, "FhirMappingOptions.MaxEntries");
    private readonly Option<int?> _bundleDepth = Create("--max-bundle-depth", "Deepest JSON nesting in a FHIR Bundle", new FhirMappingOptions().MaxDepth, "FhirMappingOptions.MaxDepth");
    private readonly TerminologyOptions _terminology = new();
    private readonly Option<string[]> _atcSystems = new("--atc-system")
    {
        Description = "A further code system URI whose codes are WHO ATC codes (FhirMappingOptions.AtcSystems; repeatable). The WHO, German BfArM and French ANS URIs are known already.",
        HelpName = "URI",
    };
    private readonly Option<string[]> _icd10Systems = new("--icd10-system")
    {
        Description = "A further code system URI whose codes are WHO ICD-10 codes (FhirMappingOptions.Icd10Systems; repeatable). Not ICD-10-CM: its codes are not all WHO codes, the default maps read it by its WHO parents.",
        HelpName = "URI",
    };
    private readonly Option<string?> _patientId = new("--patient-id")
    {
        Description = "In a FHIR Bundle about several patients, the id of the Patient to read (FhirMappingOptions.PatientId); default: the first Patient. Other patients' resources are never read.",
        HelpName = "ID",
    };

    /// <summary>Adds every flag to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new[] { _patientBytes, _patientDepth, _patientNodes, _patientChars, _bundleBytes, _bundleEntries, _bundleDepth })
            command.Options.Add(option);
        _terminology.AddTo(command);
        command.Options.Add(_patientId);
        command.Options.Add(_atcSystems);
        command.Options.Add(_icd10Systems);
    }

    /// <summary>The patient-file limits, with the flags given applied.</summary>
    public PatientInputLimits Patient(ParseResult parse)
    {
        var d = PatientInputLimits.Default;
        return new PatientInputLimits
        {
            MaxBytes = parse.GetValue(_patientBytes) ?? d.MaxBytes,
            MaxDepth = parse.GetValue(_patientDepth) ?? d.MaxDepth,
            MaxNodes = parse.GetValue(_patientNodes) ?? d.MaxNodes,
            MaxExpandedChars = parse.GetValue(_patientChars) ?? d.MaxExpandedChars,
        };
    }

    /// <summary>The FHIR mapping options, with the flags given applied: the translators of the terminology flags first, then the shipped ones.</summary>
    public FhirMappingOptions Fhir(ParseResult parse)
    {
        var options = new FhirMappingOptions();
        if (parse.GetValue(_bundleBytes) is { } bytes) options.MaxBundleBytes = bytes;
        if (parse.GetValue(_bundleEntries) is { } entries) options.MaxEntries = entries;
        if (parse.GetValue(_bundleDepth) is { } depth) options.MaxDepth = depth;
        if (parse.GetValue(_patientId) is { Length: > 0 } patientId) options.PatientId = patientId;
        foreach (var system in parse.GetValue(_atcSystems) ?? []) options.AtcSystems.Add(system.Trim());
        foreach (var system in parse.GetValue(_icd10Systems) ?? []) options.Icd10Systems.Add(system.Trim());
        return _terminology.Apply(parse, options);
    }

    private static Option<int?> Create(string flag, string description, int defaultValue, string property)
    {
        var option = new Option<int?>(flag)
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"{description}; larger input is refused (default {defaultValue}, {property})."),
            HelpName = "N",
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value <= 0)
                result.AddError($"{flag} must be greater than 0.");
        });
        return option;
    }
}
