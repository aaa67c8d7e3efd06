using System.Globalization;
using System.Linq.Expressions;
using CareSequencing.Compilation;
using CareSequencing.Evaluation;
using CareSequencing.Model;

namespace CareSequencing.Tests.Reliability;

/// <summary>
/// Random patients built to exercise a compiled rule set: every literal its conditions ask about
/// (codes, classes, ranges, therapy kinds and statuses, flags, phases, start windows, age thresholds)
/// and both sides of every interaction entry. Most patients are aimed at one rule or entry, taking
/// each of its facts with a high probability, so that long conjunctions fire as well as fail; the
/// rest of the patient is noise drawn from the whole vocabulary.
/// </summary>
/// <remarks>
/// The benchmark's <c>SyntheticPatients.Probes</c> draws from the synthetic rule model, not from
/// compiled packs, and knows neither ages nor therapy statuses the shipped packs test: hence this
/// generator, which reads what to draw from the compiled conditions themselves.
/// </remarks>
internal sealed class ShippedPatientGenerator
{
    public static readonly DateOnly AsOf = new(2026, 11, 23);

    private static readonly string[] OralForms = ["tablet", "capsule", "oral-solution", "film-coated-tablet"];
    private static readonly string?[] AnyForms = ["tablet", "capsule", "oral-solution", "injection", "patch", "inhalation", null];

    private readonly Random _random;
    private readonly List<Fact[]> _targets = [];
    private readonly Fact[] _pool;
    private readonly int[] _ageThresholds;

    public ShippedPatientGenerator(CompiledRuleSet ruleSet, int seed)
    {
        _random = new Random(seed);
        var thresholds = new SortedSet<int> { 0, 18, 65 };
        foreach (var rule in ruleSet.Rules)
        {
            _targets.Add([.. rule.Condition.Probes.SelectMany(FactsOf)]);
            new AgeThresholdFinder(thresholds).Visit(rule.Condition.Body);
        }
        foreach (var interaction in ruleSet.Interactions)
        {
            var entry = interaction.Entry;
            _targets.Add([.. entry.A.Codes.Select(c => Side(c, entry.A.Forms)), .. entry.B.Codes.Select(c => Side(c, entry.B.Forms))]);
        }
        _pool = [.. _targets.SelectMany(t => t).Distinct()];
        _ageThresholds = [.. thresholds];
    }

    /// <summary>Patients aimed at a target are drawn with this probability; the others are pure noise.</summary>
    public double AimedShare { get; init; } = 0.8;

    /// <summary>When true, some patients have no age or no current phase (rules needing them are then not evaluated).</summary>
    public bool AllowUnknownAgeAndPhase { get; init; }

    public IReadOnlyList<PatientContext> Generate(int count) => [.. Enumerable.Range(0, count).Select(Next)];

    public PatientContext Next(int number)
    {
        var conditions = new List<PatientCondition>();
        var medications = new List<PatientMedication>();
        var therapies = new List<PatientTherapy>();
        var flags = new List<string>();
        var declined = new List<string>();
        var preferred = new List<string>();
        var completed = new List<string>();
        string? phase = null;

        void Realise(Fact fact)
        {
            switch (fact.Kind)
            {
                case FactKind.Condition:
                    conditions.Add(new(Subdivide(fact.Value)) { Status = _random.Next(10) == 0 ? ClinicalStatus.Resolved : ClinicalStatus.Active });
                    break;
                case FactKind.ConditionRange:
                    conditions.Add(new(Subdivide(CategoryIn(fact.Value, fact.Other!))));
                    break;
                case FactKind.Medication:
                    // Two substances of a class now and then, for the CountMedications(...) >= 2 rules.
                    for (var i = _random.Next(4) == 0 ? 2 : 1; i > 0; i--) medications.Add(Medication(fact));
                    break;
                case FactKind.Therapy:
                    therapies.Add(new(fact.Value) { Status = fact.Status ?? (TherapyStatus)_random.Next(4) });
                    break;
                case FactKind.Declined:
                    declined.Add(fact.Value);
                    break;
                case FactKind.Preferred:
                    preferred.Add(fact.Value);
                    break;
                case FactKind.Flag:
                    flags.Add(fact.Value);
                    break;
                case FactKind.Phase:
                    phase = fact.Value;
                    break;
                case FactKind.CompletedPhase:
                    completed.Add(fact.Value);
                    break;
            }
        }

        if (_random.NextDouble() < AimedShare)
        {
            foreach (var fact in _targets[_random.Next(_targets.Count)])
            {
                if (_random.Next(4) != 0) Realise(fact);
            }
        }
        for (var noise = _random.Next(7); noise > 0; noise--) Realise(_pool[_random.Next(_pool.Length)]);

        var phases = TherapeuticPhases.All;
        phase ??= phases[_random.Next(phases.Length)];
        foreach (var earlier in phases.TakeWhile(p => p != phase))
        {
            if (_random.Next(3) != 0) completed.Add(earlier);
        }
        if (AllowUnknownAgeAndPhase && _random.Next(10) == 0) phase = null;

        int? age = _random.Next(2) == 0
            ? Math.Max(0, _ageThresholds[_random.Next(_ageThresholds.Length)] + _random.Next(-1, 2))
            : _random.Next(0, 100);
        DateOnly? birthDate = null;
        if (_random.Next(5) == 0)
        {
            // A birth date a day either side of a birthday, so the age computation is exercised too.
            var born = AsOf.AddYears(-age.Value).AddDays(_random.Next(-1, 2));
            birthDate = born > AsOf ? AsOf : born;
            age = null;
        }
        else if (AllowUnknownAgeAndPhase && _random.Next(10) == 0)
        {
            age = null;
        }

        return new PatientContext
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"generated-{number}"),
            Age = age,
            BirthDate = birthDate,
            Sex = (Sex)_random.Next(4),
            Conditions = conditions,
            Medications = medications,
            Therapies = therapies,
            Flags = flags,
            Phase = new PatientPhase(phase) { Completed = completed },
            Preferences = new PatientPreferences { Declined = declined, Preferred = preferred },
        };
    }

    private PatientMedication Medication(Fact fact)
    {
        DateOnly? start = fact.Days is { } days
            ? AsOf.AddDays(-Math.Max(-1, days + _random.Next(-1, 2)))
            : _random.Next(4) == 0 ? null : AsOf.AddDays(-_random.Next(0, 400));
        var form = fact.Forms is { Length: > 0 } forms ? Form(forms[_random.Next(forms.Length)])
            : fact.Oral ? OralForms[_random.Next(OralForms.Length)]
            : AnyForms[_random.Next(AnyForms.Length)];
        // Now and then the other kind of form, so that a form restriction is seen to hold back an alert.
        if (_random.Next(6) == 0) form = AnyForms[_random.Next(AnyForms.Length)];
        return new PatientMedication(_random.Next(8) == 0 ? fact.Value : Complete(fact.Value))
        {
            Name = "generated",
            Form = form,
            Start = start,
            Status = _random.Next(12) == 0 ? MedicationStatus.Stopped : MedicationStatus.Active,
        };
    }

    private string Form(string form) => form == "oral" ? OralForms[_random.Next(OralForms.Length)] : form;

    /// <summary>Completes an ATC class to a substance: letters at positions 4-5, digits elsewhere.</summary>
    private string Complete(string atc)
    {
        var code = atc;
        while (code.Length < 7)
        {
            code += code.Length is 1 or 2 or 5 or 6 ? (char)('0' + _random.Next(1, 4)) : (char)('A' + _random.Next(3));
        }
        return code;
    }

    private string Subdivide(string code) =>
        code.Length == 3 && _random.Next(2) == 0 ? code + "." + _random.Next(0, 10).ToString(CultureInfo.InvariantCulture) : code;

    private string CategoryIn(string from, string to)
    {
        if (from[0] != to[0]) return _random.Next(2) == 0 ? from : to;
        var first = int.Parse(from.AsSpan(1), CultureInfo.InvariantCulture);
        var last = int.Parse(to.AsSpan(1), CultureInfo.InvariantCulture);
        // One past either end now and then: the range's bounds are where an off-by-one would show.
        var number = _random.Next(8) == 0 ? (_random.Next(2) == 0 ? first - 1 : last + 1) : _random.Next(first, last + 1);
        return from[0] + Math.Clamp(number, 0, 99).ToString("00", CultureInfo.InvariantCulture);
    }

    private static Fact Side(string code, System.Collections.Immutable.ImmutableArray<string> forms) =>
        new(FactKind.Medication, code) { Forms = forms.IsEmpty ? null : [.. forms] };

    private static IEnumerable<Fact> FactsOf(FactProbe probe)
    {
        if (probe.Arguments is not { Length: > 0 } args || args[0] is not string value) yield break;
        var days = args.Length > 1 && args[1] is int d ? d : (int?)null;
        switch (probe.Member)
        {
            case nameof(PatientFacts.HasCondition): yield return new(FactKind.Condition, value); break;
            case nameof(PatientFacts.HasConditionInRange) when args[1] is string to: yield return new(FactKind.ConditionRange, value) { Other = to }; break;
            case nameof(PatientFacts.HasMedication) or nameof(PatientFacts.CountMedications): yield return new(FactKind.Medication, value); break;
            case nameof(PatientFacts.MedicationStartedWithin): yield return new(FactKind.Medication, value) { Days = days }; break;
            case nameof(PatientFacts.OralMedicationStartedWithin): yield return new(FactKind.Medication, value) { Days = days, Oral = true }; break;
            case nameof(PatientFacts.HasTherapy): yield return new(FactKind.Therapy, value); break;
            case nameof(PatientFacts.HasActiveTherapy): yield return new(FactKind.Therapy, value) { Status = TherapyStatus.Active }; break;
            case nameof(PatientFacts.HasPlannedTherapy): yield return new(FactKind.Therapy, value) { Status = TherapyStatus.Planned }; break;
            case nameof(PatientFacts.HasCompletedTherapy): yield return new(FactKind.Therapy, value) { Status = TherapyStatus.Completed }; break;
            case nameof(PatientFacts.Declined): yield return new(FactKind.Declined, value); break;
            case nameof(PatientFacts.Prefers): yield return new(FactKind.Preferred, value); break;
            case nameof(PatientFacts.HasFlag): yield return new(FactKind.Flag, value); break;
            case nameof(PatientFacts.IsInPhase): yield return new(FactKind.Phase, value); break;
            case nameof(PatientFacts.PhaseCompleted): yield return new(FactKind.CompletedPhase, value); break;
        }
    }

    private enum FactKind { Condition, ConditionRange, Medication, Therapy, Declined, Preferred, Flag, Phase, CompletedPhase }

    private sealed record Fact(FactKind Kind, string Value)
    {
        public string? Other { get; init; }
        public int? Days { get; init; }
        public bool Oral { get; init; }
        public TherapyStatus? Status { get; init; }
        public string[]? Forms { get; init; }
    }

    /// <summary>Collects the constants the age is compared with (<c>facts.Age &gt;= 65</c> gives 65).</summary>
    private sealed class AgeThresholdFinder(SortedSet<int> found) : ExpressionVisitor
    {
        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (IsAge(node.Left) && Strip(node.Right) is ConstantExpression { Value: int right }) found.Add(right);
            if (IsAge(node.Right) && Strip(node.Left) is ConstantExpression { Value: int left }) found.Add(left);
            return base.VisitBinary(node);
        }

        private static bool IsAge(Expression node) => Strip(node) is MemberExpression { Member.Name: nameof(PatientFacts.Age) };

        private static Expression Strip(Expression node) => node is UnaryExpression { NodeType: ExpressionType.Convert } c ? Strip(c.Operand) : node;
    }
}
