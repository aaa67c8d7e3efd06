using CsCheck;
using static CareSequencing.Tests.Reliability.PatientDocumentGenerators;

namespace CareSequencing.Tests.Reliability;

/// <summary>A patient built in C# (as a host would), with the warnings the evaluation owes for it.</summary>
internal sealed record GeneratedObjectPatient(PatientContext Context, IReadOnlyList<string> Expected, IReadOnlyList<int> Unchecked)
{
    public override string ToString() =>
        $"{Context} conditions=[{string.Join(", ", Context.Conditions ?? [])}] medications=[{string.Join(", ", Context.Medications ?? [])}] " +
        $"therapies=[{string.Join(", ", Context.Therapies ?? [])}] phase={Context.Phase}";
}

/// <summary>
/// C# contexts, including what no file can produce: null lists and entries, <c>Unknown</c> and
/// out-of-range enum values, null strings everywhere.
/// </summary>
internal static class PatientObjectGenerators
{
    private static readonly Gen<string?> MarkerOrNull = Choose(MarkerText.Select(s => (string?)s), Gen.Const((string?)null));

    private static Gen<(string? Code, string? System, int Kind, bool SystemOk)> Coded(string[] valid, string[] invalid, string[] systems) => Gen.Select(
        Choose(
            Gen.OneOf(valid).Select(v => ((string?)v, 0)),
            Gen.OneOf(invalid).Select(v => ((string?)v, 1)),
            Gen.OneOf<string?>(null, "", " \t ").Select(v => (v, 2))),
        Choose(
            Gen.Const(((string?)null, true)),
            Gen.OneOf(systems).Select(s => ((string?)s, true)),
            Gen.OneOf(UnsupportedSystems).Select(s => ((string?)s, false))),
        (code, system) => (code.Item1, system.Item1, code.Item2, system.Item2));

    private static Gen<T> Status<T>(params T[] valid) where T : struct, Enum => Choose(
        Gen.OneOf(valid),
        Gen.Const(Enum.Parse<T>("Unknown")),
        Gen.Int[7, 1000].Select(i => (T)(object)i));

    private static bool IsUsableStatus<T>(T status) where T : struct, Enum => Enum.IsDefined(status) && !status.ToString().Equals("Unknown", StringComparison.Ordinal);

    // Each entry: the object (or null) and its warnings as "CODE@field", plus whether interaction checks can use it.
    private static readonly Gen<(PatientMedication? Value, string[] Expected, bool Usable)> Medication = Choose(
        Gen.Select(Coded(ValidAtc, InvalidAtc, ["atc", "ATC", "http://www.whocc.no/atc"]),
            Status(MedicationStatus.Active, MedicationStatus.Planned, MedicationStatus.Stopped), MarkerOrNull, MarkerOrNull,
            Gen.OneOf<DateOnly?>(null, new DateOnly(2026, 1, 1), new DateOnly(2999, 1, 1), DateOnly.MinValue),
            (coded, status, name, form, start) =>
            {
                string[] expected = !coded.SystemOk ? ["CSQ3003@system"]
                    : coded.Kind == 2 ? ["CSQ3004@code"]
                    : coded.Kind == 1 ? ["CSQ3001@code"]
                    : IsUsableStatus(status) ? [] : ["CSQ3005@status"];
                return ((PatientMedication?)new PatientMedication(coded.Code) { System = coded.System!, Status = status, Name = name, Form = form, Start = start },
                    expected, coded.SystemOk && coded.Kind == 0);
            }),
        Gen.Const(((PatientMedication?)null, new[] { "CSQ3004@code" }, false)));

    private static readonly Gen<(PatientCondition? Value, string[] Expected, bool Usable)> Condition = Choose(
        Gen.Select(Coded(ValidIcd10, InvalidIcd10, ["icd10", "icd-10"]), Status(ClinicalStatus.Active, ClinicalStatus.Remission, ClinicalStatus.Resolved),
            (coded, status) =>
            {
                string[] expected = !coded.SystemOk ? ["CSQ3003@system"]
                    : coded.Kind == 2 ? ["CSQ3004@code"]
                    : coded.Kind == 1 ? ["CSQ3002@code"]
                    : IsUsableStatus(status) ? [] : ["CSQ3005@status"];
                return ((PatientCondition?)new PatientCondition(coded.Code) { System = coded.System!, Status = status }, expected, true);
            }),
        Gen.Const(((PatientCondition?)null, new[] { "CSQ3004@code" }, true)));

    private static readonly Gen<(PatientTherapy? Value, string[] Expected, bool Usable)> Therapy = Choose(
        Gen.Select(Choose(Gen.OneOf("psychotherapy/cbt", Marker).Select(k => (string?)k), Gen.OneOf<string?>(null, "", "  ")),
            Status(TherapyStatus.Active, TherapyStatus.Planned, TherapyStatus.Completed, TherapyStatus.Declined),
            (kind, status) => ((PatientTherapy?)new PatientTherapy(kind) { Status = status },
                string.IsNullOrWhiteSpace(kind) ? new[] { "CSQ3004@kind" } : IsUsableStatus(status) ? Array.Empty<string>() : new[] { "CSQ3005@status" }, true)),
        Gen.Const(((PatientTherapy?)null, new[] { "CSQ3004@kind" }, true)));

    private static Gen<(T?, string[], bool)[]?> List<T>(Gen<(T?, string[], bool)> entry) where T : class => Weighted(
        (8, entry.Array[1, 6].Select(a => (((T?, string[], bool)[]?)a))),
        (2, Gen.Const(((T?, string[], bool)[]?)null)),
        (2, Gen.Const(((T?, string[], bool)[]?)[])),
        (1, entry.Array[30, 80].Select(a => (((T?, string[], bool)[]?)a))));

    private static readonly Gen<(DateOnly? Birth, int? Age, string[] Expected)> Ages = Gen.Select(
        Gen.OneOf<DateOnly?>(new DateOnly(1971, 4, 2), null, new DateOnly(2030, 1, 1), new DateOnly(1800, 1, 1), DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 24)),
        Gen.OneOf<int?>(54, null, -1, 151, int.MinValue, int.MaxValue, 0, 150),
        (birth, age) =>
        {
            if (birth is { } b)
            {
                var years = AsOf.Year - b.Year - (AsOf < b.AddYears(AsOf.Year - b.Year) ? 1 : 0);
                return (birth, age, b <= AsOf && years <= 150 ? Array.Empty<string>() : new[] { "CSQ3009@birthDate" });
            }
            return (birth, age, age is null or (>= 0 and <= 150) ? Array.Empty<string>() : new[] { "CSQ3009@age" });
        });

    private static readonly Gen<(PatientPhase? Phase, string[] Expected)> Phase = Choose(
        Gen.OneOf(KnownPhases).Select(p => ((PatientPhase?)new PatientPhase(p) { Completed = ["assessment", null!, Marker] }, Array.Empty<string>())),
        Gen.Const(((PatientPhase?)null, Array.Empty<string>())),
        Gen.Const(((PatientPhase?)PatientPhase.Unknown, Array.Empty<string>())),
        Gen.Const(((PatientPhase?)new PatientPhase("  ") { Completed = null! }, Array.Empty<string>())),
        Gen.OneOf(UnknownPhases).Select(p => ((PatientPhase?)new PatientPhase(p), new[] { "CSQ3007@phase.current" })));

    public static readonly Gen<GeneratedObjectPatient> Patient =
        from id in MarkerOrNull
        from ages in Ages
        from sex in Gen.OneOf(Sex.Unknown, Sex.Female, Sex.Male, Sex.Other, (Sex)42)
        from conditions in List(Condition)
        from medications in List(Medication)
        from therapies in List(Therapy)
        from phase in Phase
        from flags in Gen.OneOf<string[]?>(null, [], [Marker, null!, "  ", "social-isolation"])
        from preferences in Gen.OneOf<PatientPreferences?>(null, PatientPreferences.None, new() { Declined = null!, Preferred = null! }, new() { Declined = [Marker, null!], Preferred = [Marker] })
        from inputWarnings in Gen.OneOf<AdviceWarning[]?>(null, [])
        select Build(id, ages, sex, conditions, medications, therapies, phase, flags, preferences, inputWarnings);

    private static GeneratedObjectPatient Build(string? id, (DateOnly? Birth, int? Age, string[] Expected) ages, Sex sex,
        (PatientCondition?, string[], bool)[]? conditions, (PatientMedication?, string[], bool)[]? medications, (PatientTherapy?, string[], bool)[]? therapies,
        (PatientPhase? Phase, string[] Expected) phase, string[]? flags, PatientPreferences? preferences, AdviceWarning[]? inputWarnings)
    {
        var expected = new List<string>();
        expected.AddRange(ages.Expected);
        expected.AddRange(phase.Expected);
        Add("conditions", conditions);
        Add("medications", medications);
        Add("therapies", therapies);
        var context = new PatientContext
        {
            Id = id,
            BirthDate = ages.Birth,
            Age = ages.Age,
            Sex = sex,
            Conditions = conditions?.Select(c => c.Item1!).ToArray()!,
            Medications = medications?.Select(m => m.Item1!).ToArray()!,
            Therapies = therapies?.Select(t => t.Item1!).ToArray()!,
            Phase = phase.Phase!,
            Flags = flags!,
            Preferences = preferences!,
            InputWarnings = inputWarnings!,
        };
        var notCovered = (medications ?? []).Select((m, i) => (m, i)).Where(x => !x.m.Item3).Select(x => x.i).ToList();
        return new GeneratedObjectPatient(context, [.. expected.Distinct(StringComparer.Ordinal)], notCovered);

        void Add<T>(string list, (T?, string[], bool)[]? items)
        {
            for (var i = 0; i < (items?.Length ?? 0); i++)
            {
                foreach (var e in items![i].Item2)
                {
                    var at = e.IndexOf('@', StringComparison.Ordinal);
                    expected.Add($"{e[..at]}@{list}[{i}].{e[(at + 1)..]}");
                }
            }
        }
    }
}
