using System.Collections.Immutable;
using System.Linq.Expressions;
using System.Reflection;
using CareSequencing.Compilation;
using CareSequencing.Evaluation;

namespace CareSequencing.Authoring.Explain;

/// <summary>
/// Evaluates a compiled condition node by node against one patient's facts. Each node is the very
/// sub-tree the engine runs (the sandboxed parse kept in <see cref="CompiledCondition.Body"/>),
/// compiled on its own; helpers are pure, so computing a node the real run skips changes nothing,
/// and the node is marked as not reached.
/// </summary>
internal sealed class ConditionTracer
{
    private readonly CompiledRule _rule;
    private readonly PatientFacts _facts;
    private readonly ConditionSource _source;

    private ConditionTracer(CompiledRule rule, PatientFacts facts)
    {
        _rule = rule;
        _facts = facts;
        _source = new ConditionSource(rule.Definition.Condition, rule.Condition.Facts);
    }

    public static ConditionTrace Trace(CompiledRule rule, PatientFacts facts)
    {
        var tracer = new ConditionTracer(rule, facts);
        var root = tracer.Build(rule.Condition.Body, tracer._source.All, reached: true);
        return new ConditionTrace(rule.Definition.Condition, rule.Definition.ConditionOrigin.Start, root);
    }

    private ConditionNode Build(Expression node, TokenRange? range, bool reached)
    {
        node = ConditionRenderer.Unwrap(node);
        if (range is { } candidate)
        {
            candidate = _source.Strip(candidate);
            range = _source.IsSourceOf(node, candidate) ? candidate : null;
        }
        var (value, error) = Evaluate(node);
        var kind = ConditionNodeKind.Other;
        var symbol = string.Empty;
        var children = new List<ConditionNode>();
        MatchedFact? fact = null;
        var unknown = false;

        switch (node)
        {
            case BinaryExpression binary when node.NodeType is ExpressionType.AndAlso or ExpressionType.OrElse
                || (node.NodeType is ExpressionType.And or ExpressionType.Or && node.Type == typeof(bool)):
                kind = node.NodeType is ExpressionType.AndAlso or ExpressionType.And ? ConditionNodeKind.AllOf : ConditionNodeKind.AnyOf;
                symbol = ConditionRenderer.Symbol(node.NodeType);
                var shortCircuits = node.NodeType is ExpressionType.AndAlso or ExpressionType.OrElse;
                var open = reached;
                foreach (var (operand, operandRange) in Flatten(binary, range))
                {
                    var child = Build(operand, operandRange, open);
                    children.Add(child);
                    // The real run stops at the first false (&&) or true (||) operand, or at a failure.
                    if (shortCircuits && (child.Error is not null || child.Value is bool b && b == (kind == ConditionNodeKind.AnyOf))) open = false;
                }
                break;
            case UnaryExpression { NodeType: ExpressionType.Not or ExpressionType.Negate } unary:
                kind = node.NodeType == ExpressionType.Not ? ConditionNodeKind.Not : ConditionNodeKind.Arithmetic;
                symbol = node.NodeType == ExpressionType.Not ? "!" : "-";
                AddUnlessLiteral(unary.Operand, range is { } r ? _source.UnaryOperand(r) : null, reached);
                break;
            case BinaryExpression binary when node.NodeType is ExpressionType.Add or ExpressionType.Multiply:
                // Associative: a + b + c is one sum of three terms, as the author wrote it.
                kind = ConditionNodeKind.Arithmetic;
                symbol = ConditionRenderer.Symbol(node.NodeType);
                foreach (var (operand, operandRange) in Flatten(binary, range)) AddUnlessLiteral(operand, operandRange, reached);
                break;
            case BinaryExpression binary when ConditionRenderer.Symbol(node.NodeType) is { Length: > 0 } op:
                kind = node.NodeType is ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual
                    or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual ? ConditionNodeKind.Comparison : ConditionNodeKind.Arithmetic;
                symbol = op;
                var split = range is { } whole ? _source.SplitBinary(node.NodeType, whole) : null;
                AddUnlessLiteral(binary.Left, split?.Left, reached);
                AddUnlessLiteral(binary.Right, split?.Right, reached);
                break;
            case ConditionalExpression conditional:
                kind = ConditionNodeKind.Conditional;
                symbol = "?:";
                var parts = range is { } all ? _source.SplitConditional(all) : null;
                var test = Build(conditional.Test, parts?.Test, reached);
                children.Add(test);
                AddUnlessLiteral(conditional.IfTrue, parts?.IfTrue, reached && test.Value is true);
                AddUnlessLiteral(conditional.IfFalse, parts?.IfFalse, reached && test.Value is false);
                break;
            case MethodCallExpression call when call.Object == _rule.Condition.Facts:
                kind = ConditionNodeKind.Helper;
                var arguments = call.Arguments.All(a => a is ConstantExpression)
                    ? call.Arguments.Select(a => ((ConstantExpression)a).Value!).ToImmutableArray()
                    : (ImmutableArray<object>?)null;
                fact = ExplanationBuilder.Describe(new FactProbe(call.Method.Name, arguments), _facts);
                break;
            case MemberExpression member when member.Expression == _rule.Condition.Facts:
                kind = ConditionNodeKind.Fact;
                unknown = member.Member.Name switch
                {
                    nameof(PatientFacts.Age) => !_facts.HasKnownAge,
                    nameof(PatientFacts.CurrentPhase) => !_facts.HasKnownPhase,
                    _ => false,
                };
                break;
            case ConstantExpression:
                kind = ConditionNodeKind.Literal;
                break;
        }

        var origin = _rule.Definition.ConditionOrigin;
        return new ConditionNode
        {
            Kind = kind,
            Operator = symbol,
            Text = range is { } located ? _source.OneLine(located) : ConditionRenderer.Render(node),
            IsSourceText = range is not null,
            Offset = range is { } s ? _source.StartOf(s) : null,
            Length = range is { } l ? _source.EndOf(l) - _source.StartOf(l) : null,
            Location = range is { } at ? origin.Resolve(_source.StartOf(at)) : null,
            Value = value,
            ValueIsUnknownFact = unknown,
            Error = error,
            Reached = reached,
            Fact = fact,
            Children = children,
        };

        void AddUnlessLiteral(Expression child, TokenRange? childRange, bool childReached)
        {
            if (ConditionRenderer.Unwrap(child) is not ConstantExpression) children.Add(Build(child, childRange, childReached));
        }
    }

    /// <summary>The operands of a chain of the same operator (<c>a &amp;&amp; b &amp;&amp; c</c>, <c>a + b + c</c>), in source order, with their spans.</summary>
    private List<(Expression Node, TokenRange? Range)> Flatten(BinaryExpression chain, TokenRange? range)
    {
        // Inner links of the chain are not checked: a wrong split shows as operands that are not their source.
        var operands = new List<(Expression, TokenRange?)>();
        Walk(chain, range);
        return operands;

        void Walk(Expression node, TokenRange? span)
        {
            if (span is { } some) span = _source.Strip(some);
            if (node.NodeType == chain.NodeType && node is BinaryExpression binary)
            {
                var split = span is { } s ? _source.SplitBinary(node.NodeType, s) : null;
                Walk(binary.Left, split?.Left);
                Walk(binary.Right, split?.Right);
            }
            else
            {
                operands.Add((node, span));
            }
        }
    }

    private (object? Value, string? Error) Evaluate(Expression node)
    {
        if (node is ConstantExpression constant) return (constant.Value, null);
        try
        {
            return (ConditionCompiler.CompileNode(node, _rule.Condition.Facts)(_facts), null);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is { } inner)
        {
            return (null, inner.GetType().Name);
        }
        catch (Exception ex) when (ex is ArithmeticException or NullReferenceException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            return (null, ex.GetType().Name);
        }
    }
}
