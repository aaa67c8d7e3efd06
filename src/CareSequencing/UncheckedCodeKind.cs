namespace CareSequencing;

/// <summary>What an <see cref="UncheckedCode"/> stands for.</summary>
public enum UncheckedCodeKind
{
    /// <summary>A medication: interactions and medication rules did not see it.</summary>
    Medication,

    /// <summary>A condition: rules on diagnoses did not see it.</summary>
    Condition,
}
