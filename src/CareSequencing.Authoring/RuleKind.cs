using CareSequencing.Model;

namespace CareSequencing.Authoring;

/// <summary>The two ways a pack states a rule.</summary>
public enum RuleKind
{
    /// <summary>An expression rule (<c>rules:</c>): a condition and one proposal or alert.</summary>
    Rule,
    /// <summary>A row of an interaction table (<c>interactions:</c>).</summary>
    InteractionEntry,
}

/// <summary>A rule's lifecycle status, as written in its pack.</summary>
public enum RuleLifecycle
{
    /// <summary>Runs only when draft rules are included (authors).</summary>
    Draft,
    /// <summary>Runs by default.</summary>
    Active,
    /// <summary>Kept for the record; never runs.</summary>
    Retired,
}

/// <summary>Names as rule files spell them.</summary>
internal static class AuthoringNames
{
    public static RuleLifecycle Lifecycle(RuleStatus status) => status switch
    {
        RuleStatus.Draft => RuleLifecycle.Draft,
        RuleStatus.Active => RuleLifecycle.Active,
        _ => RuleLifecycle.Retired,
    };

    public static string Of(RuleLifecycle status) => status switch
    {
        RuleLifecycle.Draft => "draft",
        RuleLifecycle.Active => "active",
        _ => "retired",
    };

    public static string Of(RuleKind kind) => kind == RuleKind.Rule ? "rule" : "entry";
}
