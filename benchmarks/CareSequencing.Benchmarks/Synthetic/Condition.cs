using System.Globalization;

namespace CareSequencing.Benchmarks.Synthetic;

/// <summary>
/// A synthetic rule's condition as a small tree. It renders to the expression text the packs and
/// the RulesEngine workflow hold (which is also valid C#, so the hand-written code is the same
/// text in plain <c>if</c>s) and evaluates directly against <see cref="SyntheticFacts"/>, which
/// the generator uses to decide, before writing anything, which rules fire for the benchmark patient.
/// </summary>
internal abstract record Condition
{
    public abstract string Render();

    public abstract bool Evaluate(SyntheticFacts facts);

    /// <summary>The codes (ATC or ICD-10) the condition tests, for an alert's <c>codes</c>.</summary>
    public abstract IEnumerable<string> Codes();

    public static string Literal(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}

/// <summary>A boolean helper call: <c>facts.HasCondition("F32")</c>.</summary>
internal sealed record Call(string Method, string Argument, string? Second = null, int? Days = null) : Condition
{
    public override string Render() => Days is { } days
        ? $"facts.{Method}({Literal(Argument)}, {days.ToString(CultureInfo.InvariantCulture)})"
        : Second is null ? $"facts.{Method}({Literal(Argument)})" : $"facts.{Method}({Literal(Argument)}, {Literal(Second)})";

    public override bool Evaluate(SyntheticFacts facts) => Method switch
    {
        nameof(SyntheticFacts.HasCondition) => facts.HasCondition(Argument),
        nameof(SyntheticFacts.HasConditionInRange) => facts.HasConditionInRange(Argument, Second!),
        nameof(SyntheticFacts.HasMedication) => facts.HasMedication(Argument),
        nameof(SyntheticFacts.MedicationStartedWithin) => facts.MedicationStartedWithin(Argument, Days!.Value),
        nameof(SyntheticFacts.OralMedicationStartedWithin) => facts.OralMedicationStartedWithin(Argument, Days!.Value),
        nameof(SyntheticFacts.HasTherapy) => facts.HasTherapy(Argument),
        nameof(SyntheticFacts.HasPlannedTherapy) => facts.HasPlannedTherapy(Argument),
        nameof(SyntheticFacts.HasCompletedTherapy) => facts.HasCompletedTherapy(Argument),
        nameof(SyntheticFacts.Declined) => facts.Declined(Argument),
        nameof(SyntheticFacts.HasFlag) => facts.HasFlag(Argument),
        nameof(SyntheticFacts.IsInPhase) => facts.IsInPhase(Argument),
        nameof(SyntheticFacts.PhaseCompleted) => facts.PhaseCompleted(Argument),
        _ => throw new InvalidOperationException($"Unknown helper {Method}."),
    };

    public override IEnumerable<string> Codes() => Method switch
    {
        nameof(SyntheticFacts.HasCondition) or nameof(SyntheticFacts.HasMedication) => [Argument],
        _ => [],
    };
}

/// <summary><c>facts.CountMedications("A") + facts.CountMedications("B") &gt;= n</c>.</summary>
internal sealed record CountAtLeast(IReadOnlyList<string> Classes, int Minimum) : Condition
{
    public override string Render() =>
        string.Join(" + ", Classes.Select(c => $"facts.CountMedications({Literal(c)})")) + " >= " + Minimum.ToString(CultureInfo.InvariantCulture);

    public override bool Evaluate(SyntheticFacts facts) => Classes.Sum(facts.CountMedications) >= Minimum;

    public override IEnumerable<string> Codes() => Classes;
}

/// <summary><c>facts.Age &gt;= n</c>.</summary>
internal sealed record AgeAtLeast(int Years) : Condition
{
    public override string Render() => "facts.Age >= " + Years.ToString(CultureInfo.InvariantCulture);

    public override bool Evaluate(SyntheticFacts facts) => facts.Age >= Years;

    public override IEnumerable<string> Codes() => [];
}

internal sealed record Not(Condition Operand) : Condition
{
    public override string Render() => "!" + Operand.Render();

    public override bool Evaluate(SyntheticFacts facts) => !Operand.Evaluate(facts);

    public override IEnumerable<string> Codes() => [];
}

internal sealed record All(IReadOnlyList<Condition> Operands) : Condition
{
    public override string Render() => string.Join(" && ", Operands.Select(o => o is AnyOf { Operands.Count: > 1 } ? "(" + o.Render() + ")" : o.Render()));

    public override bool Evaluate(SyntheticFacts facts) => Operands.All(o => o.Evaluate(facts));

    public override IEnumerable<string> Codes() => Operands.SelectMany(o => o.Codes());
}

internal sealed record AnyOf(IReadOnlyList<Condition> Operands) : Condition
{
    public override string Render() =>
        Operands.Count == 1 ? Operands[0].Render() : string.Join(" || ", Operands.Select(o => o is All ? "(" + o.Render() + ")" : o.Render()));

    public override bool Evaluate(SyntheticFacts facts) => Operands.Any(o => o.Evaluate(facts));

    public override IEnumerable<string> Codes() => Operands.SelectMany(o => o.Codes());
}
