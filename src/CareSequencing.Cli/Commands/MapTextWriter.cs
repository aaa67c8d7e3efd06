using System.Globalization;
using System.Text;
using CareSequencing.Presentation;

namespace CareSequencing.Cli.Commands;

/// <summary>
/// The text form of <c>caresequencing map</c>: what the library read from a patient file, each translated code
/// with the coding it came from and how it was translated, then what was not checked and the warnings.
/// </summary>
internal static class MapTextWriter
{
    public static string Write(PatientContext patient, string language)
    {
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');
        string L(string key, params object?[] args) => CliText.Get(key, language, args);

        var born = patient.BirthDate is { } birth ? birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : patient.Age?.ToString(CultureInfo.InvariantCulture) ?? "-";
        Line(L("cli.map-patient", patient.Id ?? "-", born, patient.Sex.ToString().ToLowerInvariant()));

        Line(L("cli.map-medications", patient.Medications.Count));
        if (patient.Medications.Count == 0) Line("  " + L("cli.map-none"));
        foreach (var medication in patient.Medications)
        {
            var parts = new List<string> { medication.Code ?? "?", medication.Name ?? "", medication.Status.ToString().ToLowerInvariant() };
            if (medication.Form is { } form) parts.Add(form);
            if (medication.Start is { } start) parts.Add(L("cli.map-since", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            Line("  " + string.Join("  ", parts.Where(p => p.Length > 0)));
            WriteOrigin(medication.Origin);
        }

        Line(L("cli.map-conditions", patient.Conditions.Count));
        if (patient.Conditions.Count == 0) Line("  " + L("cli.map-none"));
        foreach (var condition in patient.Conditions)
        {
            var onset = condition.Onset is { } date ? "  " + L("cli.map-since", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : "";
            Line($"  {condition.Code ?? "?"}  {condition.Status.ToString().ToLowerInvariant()}{onset}");
            WriteOrigin(condition.Origin);
        }

        if (patient.Therapies.Count > 0 || patient.Phase.Current is not null || patient.Flags.Count > 0)
        {
            Line(L("cli.map-other"));
            foreach (var therapy in patient.Therapies) Line($"  {therapy.Kind ?? "?"}  {therapy.Status.ToString().ToLowerInvariant()}");
            if (patient.Phase.Current is { } phase) Line("  phase: " + phase);
            if (patient.Flags.Count > 0) Line("  flags: " + string.Join(", ", patient.Flags));
        }

        Line(L("cli.map-unchecked", patient.Unchecked.Count));
        if (patient.Unchecked.Count == 0) Line("  " + L("cli.map-none"));
        foreach (var item in patient.Unchecked)
        {
            var kind = L(item.Kind == UncheckedCodeKind.Medication ? "cli.map-kind-medication" : "cli.map-kind-condition");
            var display = item.Display is { } d ? $" \"{d}\"" : "";
            Line($"  {kind}: {UncheckedSummary.SystemName(item.System)} {item.Code}{display}");
        }

        Line(L("cli.map-warnings", patient.InputWarnings.Count));
        if (patient.InputWarnings.Count == 0) Line("  " + L("cli.map-none"));
        foreach (var warning in patient.InputWarnings)
        {
            var localized = warning.Localize(language);
            Line($"  {localized.Code} {localized.Path}: {localized.Message}");
        }
        return text.ToString();

        void WriteOrigin(CodeOrigin? origin)
        {
            if (origin is null) return;
            var display = origin.Display is { } d ? $" \"{d}\"" : "";
            var how = L("cli.map-mapping-" + origin.Mapping.ToString().ToLowerInvariant());
            var source = origin.Source is { } s ? $" ({s})" : "";
            Line("      " + L("cli.map-from", $"{UncheckedSummary.SystemName(origin.System)} {origin.Code}{display}", how) + source);
        }
    }
}
