using System.Globalization;
using CareSequencing.Model;

namespace CareSequencing;

/// <summary>How serious an authoring diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The pack is rejected.</summary>
    Error,
    /// <summary>The pack loads, but something deserves the author's attention.</summary>
    Warning,
}

/// <summary>A position in a rule file. Line and column are 1-based.</summary>
/// <param name="File">Path of the file, as given to the loader.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <summary><c>file:line:col</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}");
}

/// <summary>
/// An authoring diagnostic: a stable code (<c>CSQ1003</c>), a severity, where it is, and a message
/// that never contains patient data. <see cref="Message"/> and <see cref="Hint"/> are English, stable
/// for tools and CI; <see cref="GetMessage"/>, <see cref="GetHint"/> and <see cref="ToString(string)"/>
/// give them in another supported language.
/// </summary>
/// <param name="Code">Stable code; see <c>docs/authoring.md</c>.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Message">What is wrong, in English.</param>
/// <param name="Location">Where it is.</param>
/// <param name="RuleId">The rule concerned, when there is one.</param>
/// <param name="Hint">How to fix it, when there is a likely fix, in English.</param>
public sealed record RulePackDiagnostic(
    string Code,
    DiagnosticSeverity Severity,
    string Message,
    SourceLocation Location,
    string? RuleId = null,
    string? Hint = null)
{
    // The library's own diagnostics keep their catalogue key and arguments, so they can be rendered in any language.
    internal RulePackDiagnostic(string code, DiagnosticSeverity severity, MessageText message, SourceLocation location,
        string? ruleId = null, MessageText? hint = null)
        : this(code, severity, message.ToString(), location, ruleId, hint?.ToString())
    {
        MessageText = message;
        HintText = hint;
    }

    internal MessageText? MessageText { get; init; }

    internal MessageText? HintText { get; init; }

    /// <summary>The message in <paramref name="language"/> (<c>en</c>, <c>fr</c>); English for any other language.</summary>
    /// <param name="language">A language code, e.g. <c>fr</c>.</param>
    /// <returns>The message; <see cref="Message"/> when the diagnostic was not made by this library.</returns>
    public string GetMessage(string language) => MessageText?.Render(language) ?? Message;

    /// <summary>The hint in <paramref name="language"/> (<c>en</c>, <c>fr</c>); English for any other language.</summary>
    /// <param name="language">A language code, e.g. <c>fr</c>.</param>
    /// <returns>The hint, or null when there is none.</returns>
    public string? GetHint(string language) => HintText?.Render(language) ?? Hint;

    /// <summary>Compiler style, which IDEs and CI annotate: <c>path(line,col): error CSQ1003: message</c>.</summary>
    public override string ToString() => ToString(Languages.Fallback);

    /// <summary>Compiler style with the message and hint in <paramref name="language"/>; code and severity stay as they are, for tools.</summary>
    /// <param name="language">A language code, e.g. <c>fr</c>; English for an unsupported one.</param>
    /// <returns><c>path(line,col): error CSQ1003: message (hint)</c>.</returns>
    public string ToString(string language)
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var hintText = GetHint(language);
        var hint = hintText is null ? string.Empty : $" ({hintText})";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Location.File}({Location.Line},{Location.Column}): {severity} {Code}: {GetMessage(language)}{hint}");
    }
}

/// <summary>Thrown when rule packs required by a host fail to load; carries every diagnostic.</summary>
public sealed class RulePackLoadException : Exception
{
    /// <summary>Creates the exception from the diagnostics that caused it.</summary>
    /// <param name="diagnostics">The diagnostics, errors first.</param>
    public RulePackLoadException(IReadOnlyList<RulePackDiagnostic> diagnostics)
        : base(BuildMessage(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every diagnostic found.</summary>
    public IReadOnlyList<RulePackDiagnostic> Diagnostics { get; }

    private static string BuildMessage(IReadOnlyList<RulePackDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return $"Rule packs failed to load with {errors.Count} error(s):{Environment.NewLine}"
            + string.Join(Environment.NewLine, errors.Take(20));
    }
}

/// <summary>
/// Thrown when a rule fails while evaluating and the host asked for it with
/// <see cref="EvaluationSettings.ThrowOnRuleFault"/>; by default the rule is skipped and reported in
/// <see cref="Advice.Faults"/> instead. Never reported as "did not fire". Names the rule and pack;
/// carries no patient data.
/// </summary>
public sealed class RuleEvaluationException : Exception
{
    internal RuleEvaluationException(string ruleId, PackReference pack, RuleFaultKind kind, Exception inner)
        : base($"Rule '{ruleId}' of pack {pack} failed during evaluation ({inner.GetType().Name}).", inner)
    {
        RuleId = ruleId;
        Pack = pack;
        Kind = kind;
    }

    /// <summary>What kind of failure it was.</summary>
    public RuleFaultKind Kind { get; }

    /// <summary>The failing rule.</summary>
    public string RuleId { get; }

    /// <summary>The pack it belongs to.</summary>
    public PackReference Pack { get; }
}
