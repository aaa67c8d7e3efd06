namespace CareSequencing.Benchmarks.Synthetic;

/// <summary>
/// Draws the arguments of helper calls. A <em>trigger</em> (a condition, medication, therapy
/// kind or decline that a rule is about) is drawn either from the patient's own facts (present)
/// or from the pools minus anything the patient has (absent); everything else (phases, flags,
/// therapy kinds in negations, ages) is drawn at random from the pools.
/// </summary>
internal sealed class TriggerDraw
{
    private readonly Random _random;
    private readonly SyntheticFacts _facts;
    private readonly string[] _conditions;
    private readonly string[] _medications;
    private readonly string[] _therapies;
    private readonly string[] _plannedTherapies;
    private readonly string[] _declined;

    public TriggerDraw(Random random, PatientContext patient)
    {
        _random = random;
        _facts = SyntheticFacts.From(patient, SyntheticPatients.AsOf);
        _conditions = [.. patient.Conditions.Where(c => c.Status == ClinicalStatus.Active).Select(c => c.Code!)];
        _medications = [.. patient.Medications.Where(m => m.Status == MedicationStatus.Active).Select(m => m.Code!)];
        _therapies = [.. patient.Therapies.Where(t => t.Status is TherapyStatus.Active or TherapyStatus.Planned).Select(t => t.Kind!)];
        _plannedTherapies = [.. patient.Therapies.Where(t => t.Status == TherapyStatus.Planned).Select(t => t.Kind!)];
        _declined = [.. patient.Preferences.Declined.Concat(patient.Therapies.Where(t => t.Status == TherapyStatus.Declined).Select(t => t.Kind!))];
    }

    public Random Random => _random;

    /// <summary>The patient's facts, to test a drawn condition.</summary>
    public SyntheticFacts Facts => _facts;

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => _random.NextDouble() < p;

    public int Between(int min, int maxInclusive) => _random.Next(min, maxInclusive + 1);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>An ICD-10 code or category for <c>HasCondition</c>; 60% categories, as in the shipped packs.</summary>
    public string Icd10(bool present)
    {
        if (present && _conditions.Length > 0)
        {
            var code = Pick(_conditions);
            return Chance(0.6) || code.Length == 3 ? code[..3] : code;
        }
        return Until(() =>
        {
            var category = Pick(CodePools.Icd10Categories);
            return Chance(0.6) ? category : category + "." + Pick(CodePools.Icd10Subdivisions);
        }, code => !_facts.HasCondition(code));
    }

    /// <summary>A block (or a run of two or three blocks of one chapter) for <c>HasConditionInRange</c>.</summary>
    public (string From, string To) Icd10Range(bool present)
    {
        return Until(() =>
        {
            var first = _random.Next(CodePools.Icd10Blocks.Length);
            var last = first;
            while (Chance(0.3) && last + 1 < CodePools.Icd10Blocks.Length
                   && CodePools.Icd10Blocks[last + 1].From[0] == CodePools.Icd10Blocks[first].From[0] && last - first < 2)
            {
                last++;
            }
            return (CodePools.Icd10Blocks[first].From, CodePools.Icd10Blocks[last].To);
        }, range => _facts.HasConditionInRange(range.From, range.To) == present);
    }

    /// <summary>
    /// An ATC code at the levels the shipped packs use: interaction sides name a substance (73%), a
    /// chemical subgroup (23%) or a pharmacological subgroup (4%); rule conditions more often a class
    /// (40% substances, 40% chemical, 10% pharmacological, 10% therapeutic subgroups, e.g. L01).
    /// </summary>
    public string Atc(bool present, bool side = false)
    {
        var roll = _random.NextDouble();
        var length = side
            ? roll < 0.73 ? 7 : roll < 0.96 ? 5 : 4
            : roll < 0.4 ? 7 : roll < 0.8 ? 5 : roll < 0.9 ? 4 : 3;
        if (present && _medications.Length > 0) return CodePools.AtcAtLength(Pick(_medications), length);
        return Until(() => CodePools.AtcAtLength(CodePools.Substance(Pick(CodePools.AtcClasses), Between(1, CodePools.SubstancesPerClass)), length),
            code => !_facts.HasMedication(code));
    }

    /// <summary>A chemical subgroup for <c>CountMedications</c>; present means the patient has two or more under it if possible.</summary>
    public string AtcClassToCount(bool present)
    {
        if (present && _medications.Length > 0)
        {
            var duplicated = _medications.Select(m => m[..5]).Where(c => _facts.CountMedications(c) >= 2).ToArray();
            return duplicated.Length > 0 && Chance(0.8) ? Pick(duplicated) : Pick(_medications)[..5];
        }
        return Until(() => Pick(CodePools.AtcClasses), code => !_facts.HasMedication(code));
    }

    /// <summary>A therapy kind the patient has active or planned (present) or not at all (absent).</summary>
    public string Therapy(bool present, bool plannedOnly = false)
    {
        var own = plannedOnly ? _plannedTherapies : _therapies;
        if (present && own.Length > 0) return Pick(own);
        return Until(() => Pick(CodePools.TherapyKinds), kind => !(plannedOnly ? _facts.HasPlannedTherapy(kind) : _facts.HasTherapy(kind)));
    }

    /// <summary>A therapy kind the patient declined (present) or did not (absent).</summary>
    public string DeclinedKind(bool present)
    {
        if (present && _declined.Length > 0) return Pick(_declined);
        return Until(() => Pick(CodePools.TherapyKinds), kind => !_facts.Declined(kind));
    }

    public string AnyTherapy() => Pick(CodePools.TherapyKinds);

    public string Flag() => Pick(CodePools.Flags);

    public string Phase() => Pick(CodePools.Phases);

    private static T Until<T>(Func<T> draw, Func<T, bool> accept)
    {
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var value = draw();
            if (accept(value)) return value;
        }
        throw new InvalidOperationException("The pools cannot satisfy this draw for this patient.");
    }

    /// <summary>Distinct values from a draw, up to <paramref name="count"/> of them.</summary>
    public List<string> Distinct(int count, Func<string> draw)
    {
        var values = new List<string>(count);
        for (var attempt = 0; values.Count < count && attempt < count * 20; attempt++)
        {
            var value = draw();
            if (!values.Contains(value)) values.Add(value);
        }
        return values;
    }
}
