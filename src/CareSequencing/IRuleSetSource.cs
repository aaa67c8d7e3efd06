namespace CareSequencing;

/// <summary>
/// Supplies the rule set an evaluator runs. <see cref="Current"/> is one immutable
/// <see cref="CompiledRuleSet"/>; a source that reloads swaps the whole reference at once, so a
/// caller that reads it once per evaluation never mixes two versions.
/// </summary>
public interface IRuleSetSource
{
    /// <summary>The rule set to use now. Read it once per evaluation.</summary>
    CompiledRuleSet Current { get; }

    /// <summary>The last reload attempt, or null when none was made since the first load.</summary>
    ReloadResult? LastReload { get; }

    /// <summary>Raised after every reload attempt, accepted or refused, on the thread that reloaded.</summary>
    event EventHandler<ReloadResult>? Reloaded;
}

/// <summary>A source that always serves the same rule set.</summary>
public sealed class FixedRuleSetSource : IRuleSetSource
{
    /// <summary>Creates the source.</summary>
    /// <param name="ruleSet">The rule set to serve.</param>
    public FixedRuleSetSource(CompiledRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        Current = ruleSet;
    }

    /// <inheritdoc />
    public CompiledRuleSet Current { get; }

    /// <inheritdoc />
    public ReloadResult? LastReload => null;

    /// <inheritdoc />
    /// <remarks>Never raised: a fixed source does not reload.</remarks>
    public event EventHandler<ReloadResult>? Reloaded
    {
        add { }
        remove { }
    }
}

/// <summary>Whether a reload was accepted.</summary>
public enum ReloadOutcome
{
    /// <summary>Every pack loaded without error; the new set is served.</summary>
    Succeeded,
    /// <summary>Some diagnostic was an error; the running set keeps serving.</summary>
    Refused,
}

/// <summary>The outcome of one reload attempt. Immutable.</summary>
public sealed class ReloadResult
{
    internal ReloadResult(ReloadOutcome outcome, bool changed, CompiledRuleSet ruleSet, IReadOnlyList<RulePackDiagnostic> diagnostics,
        DateTimeOffset attemptedAt)
    {
        Outcome = outcome;
        Changed = changed;
        RuleSet = ruleSet;
        Diagnostics = diagnostics;
        AttemptedAt = attemptedAt;
    }

    /// <summary>Accepted or refused.</summary>
    public ReloadOutcome Outcome { get; }

    /// <summary>True when the served set was replaced (the packs' versions or hashes differ).</summary>
    public bool Changed { get; }

    /// <summary>The set served after this attempt: the new one, or the running one when refused or unchanged.</summary>
    public CompiledRuleSet RuleSet { get; }

    /// <summary>Every diagnostic of the attempt, with <c>file:line:col</c>.</summary>
    public IReadOnlyList<RulePackDiagnostic> Diagnostics { get; }

    /// <summary>When the attempt was made, from the source's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset AttemptedAt { get; }
}
