using System.Collections.Immutable;
using System.Linq.Dynamic.Core.Exceptions;
using System.Linq.Expressions;
using CareSequencing.Evaluation;
using CareSequencing.Loading;
using CareSequencing.Model;
using FastExpressionCompiler;

namespace CareSequencing.Compilation;

/// <summary>A condition ready to run, with what it reads from the patient.</summary>
/// <param name="Predicate">The compiled condition.</param>
/// <param name="Probes">The helper calls and property reads, for explanations.</param>
/// <param name="NeedsAge">The condition reads the age.</param>
/// <param name="NeedsPhase">The condition reads the current phase.</param>
/// <param name="Triggers">Facts one of which the patient needs for the condition to hold (the rule index keys); null when it can hold without any.</param>
/// <param name="Body">The sandboxed tree the predicate was compiled from, kept so that rule authors' traces reuse the very parse that runs.</param>
/// <param name="Facts">The <c>facts</c> parameter of <paramref name="Body"/>.</param>
internal sealed record CompiledCondition(
    Func<PatientFacts, bool> Predicate,
    ImmutableArray<FactProbe> Probes,
    bool NeedsAge,
    bool NeedsPhase,
    ImmutableArray<Trigger>? Triggers,
    Expression Body,
    ParameterExpression Facts);

/// <summary>
/// Parses a rule's <c>when</c> as RulesEngine's parser does (<see cref="ConditionParser"/>), passes it
/// through the <see cref="ExpressionSandbox"/>, checks literal arguments (codes, phases) and
/// compiles it to a typed delegate with FastExpressionCompiler, all at load time, so that a broken
/// rule is a load error and never a surprise during evaluation.
/// </summary>
internal static partial class ConditionCompiler
{
    private static readonly HashSet<string> PhaseMembers = new(StringComparer.Ordinal)
    {
        nameof(PatientFacts.CurrentPhase), nameof(PatientFacts.IsInPhase), nameof(PatientFacts.PhaseCompleted),
    };

    public static CompiledCondition? Compile(RuleDefinition rule, DiagnosticBag diagnostics)
    {
        var facts = Expression.Parameter(typeof(PatientFacts), "facts");
        var text = rule.Condition;
        if (ExpressionLimits.CheckText(text) is { } tooLarge)
        {
            diagnostics.Add(new(DiagnosticCodes.ExpressionTooComplex, DiagnosticSeverity.Error, tooLarge.Message,
                rule.ConditionOrigin.Resolve(tooLarge.Offset), rule.Id));
            return null;
        }
        Expression body;
        try
        {
            body = ConditionParser.ParseStrict(text, facts, typeof(bool));
        }
        catch (ParseException ex) when (TypeCheck.Mismatch(ex) is { } mismatch)
        {
            diagnostics.Add(new(DiagnosticCodes.ExpressionTypeMismatch, DiagnosticSeverity.Error, mismatch,
                rule.ConditionOrigin.Resolve(Math.Clamp(ex.Position, 0, Math.Max(0, text.Length - 1))), rule.Id));
            return null;
        }
        catch (ParseException ex)
        {
            var notBoolean = ex.Message.Contains("of type 'Boolean' expected", StringComparison.Ordinal);
            var message = notBoolean ? new MessageText("diag.condition-not-boolean") : new MessageText("diag.condition-syntax", ex.Message);
            var code = notBoolean ? DiagnosticCodes.ExpressionNotBoolean : DiagnosticCodes.ExpressionSyntax;
            diagnostics.Add(new(code, DiagnosticSeverity.Error, message, rule.ConditionOrigin.Resolve(NamedTokenBefore(text, ex)), rule.Id));
            return null;
        }
        catch (InvalidOperationException ex) when (TypeCheck.UndefinedOperator(ex, text) is { } mismatch)
        {
            diagnostics.Add(new(DiagnosticCodes.ExpressionTypeMismatch, DiagnosticSeverity.Error, mismatch.Message,
                rule.ConditionOrigin.Resolve(mismatch.Offset), rule.Id));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException)
        {
            diagnostics.Add(new(DiagnosticCodes.ExpressionSyntax, DiagnosticSeverity.Error,
                new MessageText("diag.condition-not-compiled", ex.Message), rule.ConditionOrigin.Start, rule.Id));
            return null;
        }

        if (TypeCheck.MixedConcatenation(body) is { } mixed)
        {
            diagnostics.Add(new(DiagnosticCodes.ExpressionTypeMismatch, DiagnosticSeverity.Error, mixed,
                Locate(rule, nameof(string.Concat)), rule.Id));
            return null;
        }

        var (violations, probes) = ExpressionSandbox.Inspect(body, facts);
        foreach (var violation in violations)
        {
            diagnostics.Add(new(DiagnosticCodes.ExpressionNotAllowed, DiagnosticSeverity.Error,
                new MessageText("diag.not-allowed", violation.Message), Locate(rule, violation.Token), rule.Id,
                new MessageText("hint.facts-helpers-only")));
        }
        if (violations.Count > 0) return null;
        if (probes.Count > ExpressionLimits.MaxFactReads)
        {
            diagnostics.Add(new(DiagnosticCodes.ExpressionTooComplex, DiagnosticSeverity.Error,
                new MessageText("diag.expression-too-many-reads", probes.Count, ExpressionLimits.MaxFactReads), rule.ConditionOrigin.Start, rule.Id));
            return null;
        }

        if (!CheckArguments(rule, body, probes, diagnostics)) return null;
        if (!CheckFaults(rule, body, facts, diagnostics)) return null;

        var predicate = Expression.Lambda<Func<PatientFacts, bool>>(OrdinalStrings.Rewrite(body), facts).CompileFast();
        return new CompiledCondition(predicate, [.. probes],
            NeedsAge: probes.Any(p => p.Member == nameof(PatientFacts.Age)),
            NeedsPhase: probes.Any(p => PhaseMembers.Contains(p.Member)),
            Triggers: TriggerAnalysis.Of(body, facts),
            body, facts);
    }

    /// <summary>
    /// Parses a piece of a condition exactly as a whole condition is parsed, typed as
    /// <paramref name="type"/>; null when it does not parse. Rule authors' traces use it to check that
    /// a span of the source text is the sub-tree it is shown for. The result is compared, never run.
    /// </summary>
    public static Expression? TryParseFragment(string text, ParameterExpression facts, Type type)
    {
        try
        {
            return ConditionParser.Parse(text, facts, type);
        }
        catch (Exception ex) when (ex is ParseException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Compiles one node of a sandboxed condition tree on its own, its value boxed, so that a trace
    /// can show what each sub-expression gives for the same facts. Interpreted, not emitted: the
    /// delegate runs once, and JIT-compiling emitted IL would cost about a millisecond per node.
    /// </summary>
    public static Func<PatientFacts, object?> CompileNode(Expression node, ParameterExpression facts) =>
        Expression.Lambda<Func<PatientFacts, object?>>(Expression.Convert(OrdinalStrings.Rewrite(node), typeof(object)), facts).Compile(preferInterpretation: true);

    private static bool CheckArguments(RuleDefinition rule, Expression body, IReadOnlyList<FactProbe> probes, DiagnosticBag diagnostics)
    {
        var ok = true;
        void Fail(string literal, MessageText message, MessageText hint)
        {
            ok = false;
            diagnostics.Add(new(DiagnosticCodes.ExpressionInvalidArgument, DiagnosticSeverity.Error, message,
                Locate(rule, "\"" + literal + "\""), rule.Id, hint));
        }

        foreach (var probe in probes)
        {
            if (probe.Arguments is not { Length: > 0 } args || args[0] is not string first) continue;
            switch (probe.Member)
            {
                case nameof(PatientFacts.HasCondition) when !string.Equals(ClinicalCodes.NormalizeIcd10(first), first, StringComparison.Ordinal):
                    Fail(first, new("diag.icd10-malformed", first), new("hint.icd10-format"));
                    break;
                case nameof(PatientFacts.HasConditionInRange):
                    foreach (var category in args.OfType<string>())
                    {
                        if (category.Length != 3 || ClinicalCodes.NormalizeIcd10(category) != category)
                            Fail(category, new("diag.icd10-not-category", category), new("hint.icd10-category"));
                    }
                    break;
                case nameof(PatientFacts.HasMedication) or nameof(PatientFacts.CountMedications) or nameof(PatientFacts.MedicationStartedWithin)
                    or nameof(PatientFacts.OralMedicationStartedWithin)
                    when !string.Equals(ClinicalCodes.NormalizeAtc(first), first, StringComparison.Ordinal):
                    Fail(first, new("diag.atc-malformed", first), new("hint.atc-format"));
                    break;
                case nameof(PatientFacts.IsInPhase) or nameof(PatientFacts.PhaseCompleted) when !TherapeuticPhases.IsKnown(first):
                    Fail(first, new("diag.unknown-phase", first), new("hint.phases", string.Join(", ", TherapeuticPhases.All)));
                    break;
            }
        }

        // facts.CurrentPhase == "..." compares against a phase name: check it too.
        foreach (var literal in PhaseComparisons(body))
        {
            if (!TherapeuticPhases.IsKnown(literal))
                Fail(literal, new("diag.unknown-phase", literal), new("hint.phases", string.Join(", ", TherapeuticPhases.All)));
        }
        return ok;
    }

    /// <summary>Faults every evaluation would meet (a zero divisor, a null reaching a method): load errors, see <see cref="FaultAnalysis"/>.</summary>
    private static bool CheckFaults(RuleDefinition rule, Expression body, ParameterExpression facts, DiagnosticBag diagnostics)
    {
        var findings = FaultAnalysis.Inspect(rule.Condition, body, facts);
        foreach (var finding in findings)
        {
            var location = finding.Offset is { } offset ? rule.ConditionOrigin.Resolve(offset) : Locate(rule, finding.Token);
            diagnostics.Add(new(finding.Code, DiagnosticSeverity.Error, finding.Message, location, rule.Id, finding.Hint));
        }
        return findings.Count == 0;
    }

    private static List<string> PhaseComparisons(Expression body)
    {
        var found = new List<string>();
        new PhaseComparisonFinder(found).Visit(body);
        return found;
    }

    private sealed class PhaseComparisonFinder(List<string> found) : ExpressionVisitor
    {
        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (node.NodeType is ExpressionType.Equal or ExpressionType.NotEqual)
            {
                if (IsCurrentPhase(node.Left) && node.Right is ConstantExpression { Value: string right }) found.Add(right);
                if (IsCurrentPhase(node.Right) && node.Left is ConstantExpression { Value: string left }) found.Add(left);
            }
            return base.VisitBinary(node);
        }

        private static bool IsCurrentPhase(Expression e) => e is MemberExpression { Member.Name: nameof(PatientFacts.CurrentPhase) };
    }

    /// <summary>
    /// The parser reports where it gave up, often past the culprit ("System.IO.File.ReadAllText(...)"
    /// fails at the call's end): when its message names an identifier ('AppDomain') that occurs up to
    /// that position, point at the identifier instead.
    /// </summary>
    private static int NamedTokenBefore(string text, ParseException ex)
    {
        var end = Math.Clamp(ex.Position, 0, Math.Max(0, text.Length - 1));
        foreach (System.Text.RegularExpressions.Match name in QuotedIdentifier().Matches(ex.Message))
        {
            var identifier = name.Groups[1].Value;
            for (var at = text.LastIndexOf(identifier, end, StringComparison.Ordinal); at >= 0; at = at == 0 ? -1 : text.LastIndexOf(identifier, at - 1, StringComparison.Ordinal))
            {
                var wholeWord = (at == 0 || !IsIdentifierChar(text[at - 1]))
                    && (at + identifier.Length == text.Length || !IsIdentifierChar(text[at + identifier.Length]));
                if (wholeWord) return at;
            }
        }
        return ex.Position;
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    [System.Text.RegularExpressions.GeneratedRegex(@"'([A-Za-z_][A-Za-z0-9_.]*)'")]
    private static partial System.Text.RegularExpressions.Regex QuotedIdentifier();

    private static SourceLocation Locate(RuleDefinition rule, string token)
    {
        var index = token.Length == 0 ? -1 : rule.Condition.IndexOf(token, StringComparison.Ordinal);
        // "a + b" on strings is a call to string.Concat: point at the operator the author wrote.
        if (index < 0 && token == nameof(string.Concat)) index = rule.Condition.IndexOf('+', StringComparison.Ordinal);
        return index < 0 ? rule.ConditionOrigin.Start : rule.ConditionOrigin.Resolve(index);
    }
}

