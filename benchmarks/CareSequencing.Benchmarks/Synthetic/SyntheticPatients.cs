namespace CareSequencing.Benchmarks.Synthetic;

/// <summary>The synthetic patients: fixed ones for the benchmarks, and generated probes for the agreement checks.</summary>
internal static class SyntheticPatients
{
    /// <summary>Every synthetic evaluation runs as of this date (the shipped packs' release date), never "today".</summary>
    public static readonly DateOnly AsOf = new(2026, 11, 23);

    /// <summary>
    /// A typical patient of the shipped packs: depression with alcohol dependence, hypertension and
    /// diabetes, six active medications (an SSRI cross-taper, tramadol, lorazepam), a planned CBT, a
    /// declined psychoanalysis still on the plan, in the medication phase.
    /// </summary>
    public static PatientContext Typical { get; } = new()
    {
        Id = "synthetic-typical",
        BirthDate = new DateOnly(1968, 3, 14),
        Sex = Sex.Female,
        Conditions =
        [
            new("F32.1"), new("F10.2"), new("I10"), new("E11.9"),
            new("J45.0") { Status = ClinicalStatus.Resolved },
        ],
        Medications =
        [
            Medication("N06AB06", "sertraline", "tablet", new(2026, 6, 2)),
            Medication("N06AB10", "escitalopram", "tablet", new(2026, 11, 22)),
            Medication("N02AX02", "tramadol", "capsule", new(2026, 11, 10)),
            Medication("N05BA06", "lorazepam", "tablet", new(2026, 5, 1)),
            Medication("C09AA05", "ramipril", "tablet", new(2025, 1, 15)),
            Medication("A10BA02", "metformin", "tablet", new(2024, 9, 1)),
            Medication("B01AC06", "acetylsalicylic acid", "tablet", new(2023, 2, 1)) with { Status = MedicationStatus.Stopped },
        ],
        Therapies =
        [
            new("psychotherapy/cbt") { Status = TherapyStatus.Planned },
            new("psychotherapy/psychoanalysis") { Status = TherapyStatus.Planned },
            new("education/programme") { Status = TherapyStatus.Completed },
        ],
        Phase = new("medication-treatment") { Completed = ["assessment"] },
        Flags = ["social-isolation", "low-health-literacy"],
        Preferences = new() { Declined = ["psychotherapy/psychoanalysis"], Preferred = ["education/workshop"] },
    };

    /// <summary>An older patient with 15 active medications, for the interaction checks.</summary>
    public static PatientContext Polypharmacy { get; } = new()
    {
        Id = "synthetic-polypharmacy",
        BirthDate = new DateOnly(1948, 9, 30),
        Sex = Sex.Male,
        Conditions = [new("I10"), new("I48.1"), new("E11.9"), new("N18.3"), new("F32.1"), new("M15.0"), new("G47.0")],
        Medications =
        [
            Medication("C09AA05", "ramipril", "tablet", new(2019, 4, 1)),
            Medication("C07AB07", "bisoprolol", "tablet", new(2021, 2, 1)),
            Medication("C08CA01", "amlodipine", "tablet", new(2020, 6, 1)),
            Medication("C03CA01", "furosemide", "tablet", new(2024, 1, 10)),
            Medication("B01AF02", "apixaban", "tablet", new(2022, 3, 5)),
            Medication("C10AA05", "atorvastatin", "tablet", new(2018, 1, 1)),
            Medication("A10BA02", "metformin", "tablet", new(2015, 1, 1)),
            Medication("A10BH01", "sitagliptin", "tablet", new(2023, 5, 1)),
            Medication("A02BC02", "pantoprazole", "tablet", new(2022, 3, 5)),
            Medication("N06AB04", "citalopram", "tablet", new(2025, 10, 1)),
            Medication("N05CF01", "zopiclone", "tablet", new(2026, 8, 1)),
            Medication("N02BE01", "paracetamol", "tablet", new(2026, 1, 1)),
            Medication("M01AE01", "ibuprofen", "tablet", new(2026, 11, 18)),
            Medication("H03AA01", "levothyroxine", "tablet", new(2010, 1, 1)),
            Medication("A12AA04", "calcium carbonate", "tablet", new(2021, 9, 1)),
        ],
        Phase = new("follow-up") { Completed = ["assessment", "medication-treatment"] },
    };

    /// <summary>
    /// Patients built from the codes the rules use (with random phases, therapies, flags, ages and
    /// start dates), so that across them many different rules fire: the agreement checks compare the
    /// engines on these as well as on the benchmark patient.
    /// </summary>
    public static IReadOnlyList<PatientContext> Probes(SyntheticRuleSet set, int count)
    {
        var random = new Random(SyntheticPackGenerator.Seed + 1);
        var atc = set.Interactions.SelectMany(i => i.A.Concat(i.B))
            .Concat(set.Rules.SelectMany(r => AtcIn(r.When)))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var categories = set.Rules.SelectMany(r => CategoriesIn(r.When)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (atc.Length == 0) atc = ["N06AB"];
        if (categories.Length == 0) categories = ["F32"];

        var probes = new List<PatientContext>(count);
        for (var p = 0; p < count; p++)
        {
            var phase = random.Next(CodePools.Phases.Length);
            probes.Add(new PatientContext
            {
                Id = $"probe-{p}",
                Age = random.Next(16, 92),
                Conditions = [.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => new PatientCondition(
                    Pick(random, categories) + (random.Next(2) == 0 ? "" : "." + Pick(random, CodePools.Icd10Subdivisions))))],
                Medications = [.. Enumerable.Range(0, random.Next(2, 13)).Select(_ => new PatientMedication(Substance(random, Pick(random, atc)))
                {
                    Form = Pick(random, CodePools.Forms),
                    Start = random.Next(4) == 0 ? null : AsOf.AddDays(-random.Next(0, 60)),
                })],
                Therapies = [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => new PatientTherapy(Pick(random, CodePools.TherapyKinds))
                {
                    Status = (TherapyStatus)random.Next(4),
                })],
                Phase = new(CodePools.Phases[phase]) { Completed = [.. CodePools.Phases.Take(phase)] },
                Flags = [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => Pick(random, CodePools.Flags))],
                Preferences = new() { Declined = random.Next(3) == 0 ? [Pick(random, CodePools.TherapyKinds)] : [] },
            });
        }
        return probes;
    }

    private static PatientMedication Medication(string code, string name, string form, DateOnly start) =>
        new(code) { Name = name, Form = form, Start = start };

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    /// <summary>Completes a class to a seven-character substance code: N06A → N06AB03.</summary>
    private static string Substance(Random random, string code)
    {
        if (code.Length >= 7) return code;
        if (code.Length == 1) code += "0" + random.Next(1, 10);
        if (code.Length == 3) code += (char)('A' + random.Next(8));
        if (code.Length == 4) code += (char)('A' + random.Next(8));
        return CodePools.Substance(code, random.Next(1, CodePools.SubstancesPerClass + 1));
    }

    private static IEnumerable<string> AtcIn(Condition condition) => condition switch
    {
        CountAtLeast count => count.Classes,
        Call { Method: nameof(SyntheticFacts.HasMedication) or nameof(SyntheticFacts.MedicationStartedWithin)
            or nameof(SyntheticFacts.OralMedicationStartedWithin) } call => [call.Argument],
        All all => all.Operands.SelectMany(AtcIn),
        AnyOf any => any.Operands.SelectMany(AtcIn),
        Not not => AtcIn(not.Operand),
        _ => [],
    };

    private static IEnumerable<string> CategoriesIn(Condition condition) => condition switch
    {
        Call { Method: nameof(SyntheticFacts.HasCondition) } call => [call.Argument[..3]],
        Call { Method: nameof(SyntheticFacts.HasConditionInRange), Second: { } to } call =>
            CodePools.Icd10Categories.Where(c => string.CompareOrdinal(c, call.Argument) >= 0 && string.CompareOrdinal(c, to) <= 0),
        All all => all.Operands.SelectMany(CategoriesIn),
        AnyOf any => any.Operands.SelectMany(CategoriesIn),
        Not not => CategoriesIn(not.Operand),
        _ => [],
    };
}
