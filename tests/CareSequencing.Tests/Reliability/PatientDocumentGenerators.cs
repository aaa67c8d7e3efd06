using CsCheck;

namespace CareSequencing.Tests.Reliability;

/// <summary>
/// CsCheck generators of patient files: each field is valid, absent, or broken in one known way,
/// and the generator records the warning (code and path) the library owes for each break.
/// The first choice of every generator is the valid one, so shrinking heads toward valid input.
/// </summary>
internal static class PatientDocumentGenerators
{
    /// <summary>Put in every free-text field; must never show in a warning or exception message.</summary>
    public const string Marker = "Qx9Mrk";

    public static readonly string[] ValidAtc = ["N06AB06", "N02AX02", "N07BB04", "N05BA01", "N02AA01", "N05AN01", "M01AE01", "L01XE01", "n06ab06", " N06AB ", "N", "N06"];
    public static readonly string[] InvalidAtc = ["N6AB06", "XYZ", "12345", "N06AB0", "N06AB066", "sertraline", "Z06AB06", "N06A-B06", "N0 6AB06", "N06ÄB06", "N06AB06\u0000"];
    public static readonly string[] ValidIcd10 = ["F32.1", "F10.2", "F102", "f32.1", "E11", "Z63.0", "F41.1", " F43.10 ", "C50"];
    public static readonly string[] InvalidIcd10 = ["F3", "32.1", "FF32", "F32.12345", "depression", "F32.", "F3X.1", "Ф32.1"];
    public static readonly string[] UnsupportedSystems = ["snomed", "rxnorm", "http://snomed.info/sct", "", "icd9", "atc-ddd"];
    public static readonly string[] KnownPhases = ["assessment", "medication-treatment", "therapeutic-education", "psychological-support", "follow-up"];
    public static readonly string[] UnknownPhases = ["treatment", "Assessment", "phase-x", "follow up", "évaluation"];

    /// <summary>Evaluation date of the properties.</summary>
    public static readonly DateOnly AsOf = new(2026, 11, 23);

    /// <summary>Picks one generator; index 0 first when shrinking.</summary>
    public static Gen<T> Choose<T>(params Gen<T>[] gens) => Gen.Int[0, gens.Length - 1].SelectMany(i => gens[i]);

    /// <summary>Picks one generator by weight; the first first when shrinking.</summary>
    public static Gen<T> Weighted<T>(params (int Weight, Gen<T> Gen)[] gens) => Gen.Int[0, gens.Sum(g => g.Weight) - 1].SelectMany(n =>
    {
        var i = 0;
        while (n >= gens[i].Weight) n -= gens[i++].Weight;
        return gens[i].Gen;
    });

    /// <summary>Free text carrying the marker: short, unicode, very long, with YAML-special characters.</summary>
    public static readonly Gen<string> MarkerText = Choose(
        Gen.Const(Marker),
        Gen.Char["abcdefghij0123456789 -/"].Array[0, 12].Select(a => Marker + new string(a)),
        Gen.Const("Пациент " + Marker + " 😀 Émile"),
        Gen.Int[100, 3000].Select(n => Marker + new string('é', n)),
        Gen.Const(Marker + ": \"quoted\" #not-a-comment, [x] {y} & *z"),
        Gen.Const("  " + Marker + "\ttab\nnew line  "));

    private static readonly Gen<Doc> WrongTypeValue = Choose<Doc>(
        Gen.Const<Doc>(new DocList([Doc.Text(Marker)])),
        Gen.Const<Doc>(new DocMap([("value", Doc.Text(Marker))])),
        Gen.Const<Doc>(new DocList([])));

    /// <summary>One field of a mapping: its entries (none when absent) and the warnings it owes, with <c>{p}</c> for its path.</summary>
    internal sealed record Part(IReadOnlyList<(string Key, Doc Value)> Entries, IReadOnlyList<string> Expected)
    {
        public static Part Absent { get; } = new([], []);

        public static Part Of(string key, Doc value, params string[] expected) => new([(key, value)], expected);
    }

    private static Gen<Part> Text(string key, Gen<string> valid) => Choose(
        valid.Select(v => Part.Of(key, Doc.Text(v))),
        Gen.Const(Part.Absent),
        Gen.Const(Part.Of(key, Doc.Null)),
        WrongTypeValue.Select(v => Part.Of(key, v, "CSQ3009@{p}")),
        valid.Select(v => new Part([(key, Doc.Text(v)), (key, Doc.Text(v))], ["CSQ3009@{p}"])));

    private static Gen<Part> Date(string key) => Choose(
        Gen.Int[1950, 2026].Select(y => Part.Of(key, Doc.Text($"{y}-03-15"))),
        Gen.Const(Part.Absent),
        Gen.OneOf("2026-02-30", "15/03/2020", "yesterday", "2020-3-5", Marker, "2020-03-15T10:00:00").Select(v => Part.Of(key, Doc.Text(v), "CSQ3009@{p}")),
        WrongTypeValue.Select(v => Part.Of(key, v, "CSQ3009@{p}")));

    private static Gen<Part> Status(string key, string[] valid) => Choose(
        Gen.OneOf(valid).Select(v => Part.Of(key, Doc.Text(v))),
        Gen.Const(Part.Absent),
        Gen.OneOf("bogus", Marker, "ACTIVE ", "on-hold").Select(v => Part.Of(key, Doc.Text(v), v.Trim().Equals("active", StringComparison.OrdinalIgnoreCase) ? [] : ["CSQ3005@{p}"])),
        WrongTypeValue.Select(v => Part.Of(key, v, "CSQ3009@{p}")));

    private static Gen<Part> UnknownKey(params string[] keys) => Choose(
        Gen.Const(Part.Absent),
        Gen.OneOf(keys).Select(k => Part.Of(k, Doc.Text(Marker), "CSQ3008@{p}")));

    /// <summary>A code and a system, with what the evaluation owes: <c>Usable</c> false means the entry cannot be matched.</summary>
    private sealed record Coded(Part Code, Part System, bool Usable);

    private static Gen<Coded> CodeAndSystem(string[] valid, string[] invalid, string invalidCode, string[] systems) =>
        Gen.Select(
            Choose(
                Gen.OneOf(valid).Select(v => (Part.Of("code", Doc.Text(v)), Kind: 0)),
                Gen.OneOf(invalid).Select(v => (Part.Of("code", Doc.Text(v)), Kind: 1)),
                Gen.OneOf<Doc>(Doc.Null, Doc.Text(""), Doc.Text("   ")).Select(v => (Part.Of("code", v), Kind: 2)),
                Gen.Const((Part.Absent, Kind: 2)),
                WrongTypeValue.Select(v => (Part.Of("code", v, "CSQ3009@{p}"), Kind: 2))),
            Choose(
                Gen.Const((Part.Absent, Ok: true)),
                Gen.OneOf(systems).Select(v => (Part.Of("system", Doc.Text(v)), Ok: true)),
                Gen.Const((Part.Of("system", Doc.Null), Ok: true)),
                Gen.OneOf(UnsupportedSystems).Select(v => (Part.Of("system", Doc.Text(v)), Ok: false)),
                WrongTypeValue.Select(v => (Part.Of("system", v, "CSQ3009@{p}"), Ok: true))),
            (code, system) =>
            {
                // The evaluation reads the system first, then the code (PatientFactsBuilder).
                var codeExpected = code.Item1.Expected.ToList();
                var systemExpected = system.Item1.Expected.ToList();
                if (!system.Ok) systemExpected.Add("CSQ3003@{p}");
                else if (code.Kind == 2) codeExpected.Add("CSQ3004@{p}");
                else if (code.Kind == 1) codeExpected.Add(invalidCode + "@{p}");
                return new Coded(code.Item1 with { Expected = codeExpected }, system.Item1 with { Expected = systemExpected },
                    system.Ok && code.Kind == 0);
            });

    /// <summary>A list entry: the document and its warnings as <c>code@relative.path</c>, plus whether it can be used.</summary>
    internal sealed record Entry(Doc Value, IReadOnlyList<string> Expected, bool Usable);

    private static Entry Assemble(bool usable, params (string Key, Part Part)[] parts)
    {
        var entries = new List<(string, Doc)>();
        var expected = new List<string>();
        foreach (var (key, part) in parts)
        {
            entries.AddRange(part.Entries);
            // A part's key may differ from its slot (unknown keys): use the key it wrote.
            var written = part.Entries.Count > 0 ? part.Entries[0].Key : key;
            expected.AddRange(part.Expected.Select(e => e.Replace("{p}", written, StringComparison.Ordinal)));
        }
        return new Entry(new DocMap(entries), expected, usable);
    }

    // An entry that is not a mapping: the reader warns at the entry, keeps an empty one, and the evaluation reports its missing code.
    private static Gen<Entry> NotAMapping(string missing) => Gen.OneOf<Doc>(Doc.Text(Marker), Doc.Text("N06AB06"), Doc.Null, new DocList([]))
        .Select(v => new Entry(v, ["CSQ3009@", "CSQ3004@." + missing], false));

    public static readonly Gen<Entry> Medication = Choose(
        Gen.Select(CodeAndSystem(ValidAtc, InvalidAtc, "CSQ3001", ["atc", "ATC", " http://www.whocc.no/atc "]), Text("name", MarkerText), Text("form", Gen.OneOf("tablet", "oral solution", Marker)),
            Status("status", ["active", "planned", "stopped", "completed", "Active"]), Date("start"), UnknownKey("dose", "Code", "route"),
            (coded, name, form, status, start, unknown) => Assemble(coded.Usable,
                ("code", coded.Code), ("system", coded.System), ("name", name), ("form", form), ("status", status), ("start", start), ("unknown", unknown))),
        NotAMapping("code"));

    public static readonly Gen<Entry> Condition = Choose(
        Gen.Select(CodeAndSystem(ValidIcd10, InvalidIcd10, "CSQ3002", ["icd10", "ICD-10", "http://hl7.org/fhir/sid/icd-10"]),
            Status("status", ["active", "remission", "resolved", "inactive"]), Date("onset"), Text("display", MarkerText), UnknownKey("severity", "note"),
            (coded, status, onset, display, unknown) => Assemble(coded.Usable,
                ("code", coded.Code), ("system", coded.System), ("status", status), ("onset", onset), ("display", display), ("unknown", unknown))),
        NotAMapping("code"));

    public static readonly Gen<Entry> Therapy = Choose(
        Gen.Select(
            Choose(
                Gen.OneOf("psychotherapy/cbt", "education/workshop", "Psychotherapy", Marker).Select(k => Part.Of("kind", Doc.Text(k))),
                Gen.OneOf<Doc>(Doc.Null, Doc.Text("  ")).Select(v => Part.Of("kind", v, "CSQ3004@{p}")),
                Gen.Const(new Part([], ["CSQ3004@kind"])),
                WrongTypeValue.Select(v => Part.Of("kind", v, "CSQ3009@{p}", "CSQ3004@{p}"))),
            Status("status", ["active", "planned", "completed", "declined"]), UnknownKey("provider"),
            (kind, status, unknown) => Assemble(true, ("kind", kind), ("status", status), ("unknown", unknown))),
        NotAMapping("kind"));

    /// <summary>A list field: absent, null, empty, a list (sometimes long), or not a list.</summary>
    // Long lists are rare: they cost most of the run's time and find nothing short lists do not.
    private static Gen<(Part Part, IReadOnlyList<Entry> Entries)> List(string key, Gen<Entry> entry) => Weighted(
        (8, entry.Array[1, 6].Select(e => (Part.Of(key, new DocList([.. e.Select(x => x.Value)])), (IReadOnlyList<Entry>)e))),
        (2, Gen.Const((Part.Absent, (IReadOnlyList<Entry>)[]))),
        (2, Gen.OneOf<Doc>(Doc.Null, new DocList([])).Select(v => (Part.Of(key, v), (IReadOnlyList<Entry>)[]))),
        (1, entry.Array[30, 80].Select(e => (Part.Of(key, new DocList([.. e.Select(x => x.Value)])), (IReadOnlyList<Entry>)e))),
        (1, Gen.OneOf<Doc>(Doc.Text(Marker), new DocMap([("code", Doc.Text("N06AB06"))])).Select(v => (Part.Of(key, v, "CSQ3009@{p}"), (IReadOnlyList<Entry>)[]))));

    private static Gen<Part> StringList(string key, Gen<string> item) => Choose(
        item.Array[0, 5].Select(a => Part.Of(key, new DocList([.. a.Select(Doc.Text)]))),
        Gen.Const(Part.Absent),
        Gen.Int[0, 3].Select(i => Part.Of(key, new DocList(new[] { Doc.Text(Marker), Doc.Text("x"), Doc.Text("y"), Doc.Text("z") }[..i].Append(Doc.Null).ToList()),
            $"CSQ3009@{{p}}[{i}]")),
        Gen.Const(Part.Of(key, new DocList([new DocMap([("a", Doc.Text(Marker))])]), "CSQ3009@{p}[0]")),
        Gen.Const(Part.Of(key, Doc.Text(Marker), "CSQ3009@{p}")));

    /// <summary>Birth date and age together, since the evaluation reads the second only without the first.</summary>
    private static readonly Gen<(Part BirthDate, Part Age, bool Known)> Ages = Gen.Select(
        Choose(
            Gen.Int[1900, 2025].Select(y => (Part.Of("birthDate", Doc.Text($"{y}-06-01")), Parsed: true, Plausible: true)),
            Gen.Const((Part.Absent, Parsed: false, Plausible: false)),
            Gen.Int[2027, 2200].Select(y => (Part.Of("birthDate", Doc.Text($"{y}-06-01")), Parsed: true, Plausible: false)),
            Gen.Int[1000, 1875].Select(y => (Part.Of("birthDate", Doc.Text($"{y}-06-01")), Parsed: true, Plausible: false)),
            Gen.OneOf("1971-13-01", Marker, "02/04/1971", "").Select(v => (Part.Of("birthDate", Doc.Text(v), "CSQ3009@{p}"), Parsed: false, Plausible: false)),
            WrongTypeValue.Select(v => (Part.Of("birthDate", v, "CSQ3009@{p}"), Parsed: false, Plausible: false))),
        Choose(
            Gen.Int[0, 150].Select(a => (Part.Of("age", Doc.Text(a.ToString(System.Globalization.CultureInfo.InvariantCulture))), Parsed: true, InRange: true)),
            Gen.Const((Part.Absent, Parsed: false, InRange: false)),
            Gen.OneOf("-1", "151", "999", "2147483647", "-2147483648").Select(v => (Part.Of("age", Doc.Text(v)), Parsed: true, InRange: false)),
            Gen.OneOf("54.5", "fifty", Marker, "2147483648", "0x20").Select(v => (Part.Of("age", Doc.Text(v), "CSQ3009@{p}"), Parsed: false, InRange: false)),
            WrongTypeValue.Select(v => (Part.Of("age", v, "CSQ3009@{p}"), Parsed: false, InRange: false))),
        (birth, age) =>
        {
            var birthPart = birth.Item1;
            var agePart = age.Item1;
            bool known;
            if (birth.Parsed)
            {
                known = birth.Plausible;
                if (!known) birthPart = birthPart with { Expected = [.. birthPart.Expected, "CSQ3009@{p}"] };
            }
            else if (age.Parsed)
            {
                known = age.InRange;
                if (!known) agePart = agePart with { Expected = [.. agePart.Expected, "CSQ3009@{p}"] };
            }
            else known = false;
            return (birthPart, agePart, known);
        });

    private static readonly Gen<(Part Part, IReadOnlyList<string> Expected, bool Known)> Phase = Choose(
        Gen.OneOf(KnownPhases).Select(p => (Part.Of("phase", new DocMap([("current", Doc.Text(p)), ("completed", new DocList([Doc.Text("assessment")]))])), (IReadOnlyList<string>)[], true)),
        Gen.Const((Part.Absent, (IReadOnlyList<string>)[], false)),
        Gen.OneOf(KnownPhases).Select(p => (Part.Of("phase", Doc.Text(p)), (IReadOnlyList<string>)[], true)),
        Gen.OneOf(UnknownPhases).Select(p => (Part.Of("phase", Doc.Text(p)), (IReadOnlyList<string>)["CSQ3007@phase.current"], false)),
        Gen.OneOf(UnknownPhases).Select(p => (Part.Of("phase", new DocMap([("current", Doc.Text(p))])), (IReadOnlyList<string>)["CSQ3007@phase.current"], false)),
        Gen.Const((Part.Of("phase", new DocList([Doc.Text("assessment")])), (IReadOnlyList<string>)["CSQ3009@phase"], false)),
        Gen.Const((Part.Of("phase", new DocMap([("current", new DocList([])), ("completed", Doc.Text(Marker)), ("note", Doc.Text(Marker))])),
            (IReadOnlyList<string>)["CSQ3009@phase.current", "CSQ3009@phase.completed", "CSQ3008@phase.note"], false)));

    private static readonly Gen<Part> Preferences = Choose(
        Gen.Select(MarkerText.Array[0, 3], MarkerText.Array[0, 3], (d, p) => Part.Of("preferences",
            new DocMap([("declined", new DocList([.. d.Select(Doc.Text)])), ("preferred", new DocList([.. p.Select(Doc.Text)]))]))),
        Gen.Const(Part.Absent),
        Gen.Const(Part.Of("preferences", Doc.Text(Marker), "CSQ3009@{p}")),
        Gen.Const(Part.Of("preferences", new DocMap([("declined", Doc.Text(Marker)), ("liked", Doc.Text(Marker))]), "CSQ3009@{p}.declined", "CSQ3008@{p}.liked")));

    private static readonly Gen<Part> Sex = Choose(
        Gen.OneOf("female", "male", "other", "unknown", "Female", " MALE ").Select(s => Part.Of("sex", Doc.Text(s))),
        Gen.Const(Part.Absent),
        Gen.OneOf("f", "woman", Marker).Select(s => Part.Of("sex", Doc.Text(s), "CSQ3005@{p}")),
        WrongTypeValue.Select(v => Part.Of("sex", v, "CSQ3009@{p}")));

    /// <summary>A whole patient file with what it owes.</summary>
    public static readonly Gen<GeneratedPatient> Patient =
        from id in Text("id", MarkerText)
        from ages in Ages
        from sex in Sex
        from conditions in List("conditions", Condition)
        from medications in List("medications", Medication)
        from therapies in List("therapies", Therapy)
        from phase in Phase
        from flags in StringList("flags", MarkerText)
        from preferences in Preferences
        from unknown in UnknownKey("notes", "Medications", "priorty", "x-extension")
        select Build(id, ages, sex, conditions, medications, therapies, phase, flags, preferences, unknown);

    private static GeneratedPatient Build(Part id, (Part BirthDate, Part Age, bool Known) ages, Part sex,
        (Part Part, IReadOnlyList<Entry> Entries) conditions, (Part Part, IReadOnlyList<Entry> Entries) medications, (Part Part, IReadOnlyList<Entry> Entries) therapies,
        (Part Part, IReadOnlyList<string> Expected, bool Known) phase, Part flags, Part preferences, Part unknown)
    {
        var entries = new List<(string, Doc)>();
        var expected = new List<string>();
        foreach (var part in new[] { id, ages.BirthDate, ages.Age, sex, conditions.Part, medications.Part, therapies.Part, phase.Part, flags, preferences, unknown })
        {
            entries.AddRange(part.Entries);
            if (part.Entries.Count > 0) expected.AddRange(part.Expected.Select(e => e.Replace("{p}", part.Entries[0].Key, StringComparison.Ordinal)));
        }
        expected.AddRange(phase.Expected);
        AddEntries("conditions", conditions.Entries);
        AddEntries("medications", medications.Entries);
        AddEntries("therapies", therapies.Entries);
        var notCovered = medications.Entries.Select((e, i) => (e, i)).Where(x => !x.e.Usable).Select(x => x.i).ToList();
        return new GeneratedPatient(new DocMap(entries), [.. expected.Distinct(StringComparer.Ordinal)], notCovered, ages.Known, phase.Known);

        void AddEntries(string list, IReadOnlyList<Entry> items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                foreach (var e in items[i].Expected)
                {
                    // "CODE@rel" becomes "CODE@list[i].rel"; "CODE@" (the entry itself) becomes "CODE@list[i]".
                    var at = e.IndexOf('@', StringComparison.Ordinal);
                    var relative = e[(at + 1)..];
                    var path = $"{list}[{i}]" + (relative.Length == 0 ? "" : relative.StartsWith('.') ? relative : "." + relative);
                    expected.Add(e[..at] + "@" + path);
                }
            }
        }
    }
}
