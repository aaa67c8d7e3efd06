using System.Globalization;
using System.Text.Json;

namespace CareSequencing.Presentation;

/// <summary>
/// Writes a <see cref="PatientContext"/> as a patient file in the shape of <c>rules/schema/patient.schema.json</c>
/// (what <c>caresequencing map</c> prints): what the library understood, each translated code with the coding it
/// came from, and what it could not read. The reader reads it back, so a mapped context can be edited and re-run.
/// </summary>
internal static class PatientContextJsonWriter
{
    public static string Write(PatientContext patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return DeterministicJson.Write(json => Write(json, patient)) + "\n";
    }

    private static void Write(Utf8JsonWriter json, PatientContext patient)
    {
        json.WriteStartObject();
        if (patient.Id is { } id) json.WriteString("id", id);
        if (patient.BirthDate is { } birth) json.WriteString("birthDate", Date(birth));
        if (patient.Age is { } age) json.WriteNumber("age", age);
        json.WriteString("sex", Name(patient.Sex));
        json.WriteStartArray("conditions");
        foreach (var condition in patient.Conditions)
        {
            json.WriteStartObject();
            if (condition.Code is { } code) json.WriteString("code", code);
            json.WriteString("system", condition.System);
            json.WriteString("status", Name(condition.Status));
            if (condition.Onset is { } onset) json.WriteString("onset", Date(onset));
            WriteOrigin(json, condition.Origin);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("medications");
        foreach (var medication in patient.Medications)
        {
            json.WriteStartObject();
            if (medication.Code is { } code) json.WriteString("code", code);
            json.WriteString("system", medication.System);
            if (medication.Name is { } name) json.WriteString("name", name);
            if (medication.Form is { } form) json.WriteString("form", form);
            json.WriteString("status", Name(medication.Status));
            if (medication.Start is { } start) json.WriteString("start", Date(start));
            WriteOrigin(json, medication.Origin);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (patient.Therapies.Count > 0)
        {
            json.WriteStartArray("therapies");
            foreach (var therapy in patient.Therapies)
            {
                json.WriteStartObject();
                if (therapy.Kind is { } kind) json.WriteString("kind", kind);
                json.WriteString("status", Name(therapy.Status));
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        if (patient.Phase.Current is not null || patient.Phase.Completed.Count > 0)
        {
            json.WriteStartObject("phase");
            if (patient.Phase.Current is { } current) json.WriteString("current", current);
            if (patient.Phase.Completed.Count > 0) Strings(json, "completed", patient.Phase.Completed);
            json.WriteEndObject();
        }
        if (patient.Flags.Count > 0) Strings(json, "flags", patient.Flags);
        if (patient.Preferences.Declined.Count > 0 || patient.Preferences.Preferred.Count > 0)
        {
            json.WriteStartObject("preferences");
            if (patient.Preferences.Declined.Count > 0) Strings(json, "declined", patient.Preferences.Declined);
            if (patient.Preferences.Preferred.Count > 0) Strings(json, "preferred", patient.Preferences.Preferred);
            json.WriteEndObject();
        }
        if (patient.Unchecked.Count > 0)
        {
            json.WriteStartArray("unchecked");
            foreach (var item in patient.Unchecked)
            {
                json.WriteStartObject();
                json.WriteString("kind", Name(item.Kind));
                json.WriteString("system", item.System);
                json.WriteString("code", item.Code);
                if (item.Display is { } display) json.WriteString("display", display);
                if (item.Path is { } path) json.WriteString("path", path);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteOrigin(Utf8JsonWriter json, CodeOrigin? origin)
    {
        if (origin is null) return;
        json.WriteStartObject("origin");
        json.WriteString("system", origin.System);
        json.WriteString("code", origin.Code);
        if (origin.Display is { } display) json.WriteString("display", display);
        json.WriteString("mapping", Name(origin.Mapping));
        if (origin.Source is { } source) json.WriteString("source", source);
        json.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // The schema's values are the enum names in lower case (Active → active).
    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
