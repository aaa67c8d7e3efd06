using System.Linq.Expressions;
using System.Reflection;
using CareSequencing.Evaluation;
using CareSequencing.Loading;
using CareSequencing.Model;

namespace CareSequencing.Compilation;

/// <summary>A fault a condition would meet at every evaluation, found at load: the code, the message, and where.</summary>
/// <param name="Code">CSQ1040, CSQ1041 or CSQ1043.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Offset">The offset in the condition to point at, when known.</param>
/// <param name="Token">Otherwise, the text to look for in the condition.</param>
/// <param name="Hint">How to fix it.</param>
internal sealed record FaultFinding(string Code, MessageText Message, int? Offset, string Token, MessageText? Hint);

/// <summary>
/// Finds, in a sandboxed condition, the run-time faults that no patient can avoid, so that they are load
/// errors rather than a rule that fails on every evaluation:
/// a divisor that is always zero (<c>x / 0</c>, <c>x % (1 - 1)</c>, <c>x / 0.0m</c>: the divisor's parts read no
/// patient fact, so it is folded to its value here); a part that reads no fact and fails whatever the
/// patient (<c>79228162514264337593543950335m * 2</c>); and a null that reaches a string member or a
/// method argument (<c>iif(c, null, "a").Length</c>, <c>facts.Sex.StartsWith(null)</c>, <c>facts.HasFlag(null)</c>).
/// In this language a value can be null only through a <c>null</c> literal (every <c>facts</c> member and
/// every allowed method returns a non-null value), so the null check is complete. What remains possible at
/// run time is arithmetic on patient values (<c>10 / facts.CountMedications("N06AB")</c>), which the evaluator
/// isolates per rule.
/// </summary>
internal static class FaultAnalysis
{
    private static readonly MethodInfo StringLength = typeof(string).GetProperty(nameof(string.Length))!.GetMethod!;

    public static IReadOnlyList<FaultFinding> Inspect(string text, Expression body, ParameterExpression facts)
    {
        var findings = new List<FaultFinding>();
        new NullFinder(facts, findings).Visit(body);
        if (findings.Count > 0) return findings; // folding a tree that dereferences null would only report it again
        var readsFacts = FactReaders.Of(body, facts);
        new ConstantFolder(text, body, readsFacts, findings).Visit(body);
        return findings;
    }

    /// <summary>True when <paramref name="node"/> can evaluate to null: a null literal, or a branch or conversion of one.</summary>
    private static bool MayBeNull(Expression node) => node switch
    {
        ConstantExpression constant => constant.Value is null,
        ConditionalExpression conditional => MayBeNull(conditional.IfTrue) || MayBeNull(conditional.IfFalse),
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked or ExpressionType.TypeAs } unary => MayBeNull(unary.Operand),
        _ => false,
    };

    private sealed class NullFinder(ParameterExpression facts, List<FaultFinding> findings) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression is { } receiver && MayBeNull(receiver))
                findings.Add(new(DiagnosticCodes.NullReceiverOrArgument, new("diag.null-receiver", node.Member.Name), null, node.Member.Name, new("hint.null-value")));
            return base.VisitMember(node);
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var name = node.Method.Name;
            if (node.Object is { } receiver && receiver != facts && MayBeNull(receiver))
                findings.Add(new(DiagnosticCodes.NullReceiverOrArgument, new("diag.null-receiver", name), null, name, new("hint.null-value")));
            // string.Equals, string.Compare and == take null; instance string methods throw on it, and the
            // facts helpers answer false, so a null argument there is a rule that can never fire.
            var refusesNull = node.Object is not null && (node.Object == facts || node.Method.DeclaringType == typeof(string));
            if (refusesNull && node.Method != StringLength && node.Arguments.Any(MayBeNull) && !IsInstanceEquals(node))
                findings.Add(new(DiagnosticCodes.NullReceiverOrArgument, new("diag.null-argument", name), null, name, new("hint.null-value")));
            return base.VisitMethodCall(node);
        }

        private static bool IsInstanceEquals(MethodCallExpression node) =>
            node.Method.Name == nameof(string.Equals) && node.Method.DeclaringType == typeof(string);
    }

    /// <summary>The nodes that read the <c>facts</c> parameter, directly or below them.</summary>
    private sealed class FactReaders : ExpressionVisitor
    {
        private readonly ParameterExpression _facts;
        private readonly HashSet<Expression> _readers = new(ReferenceEqualityComparer.Instance);
        private bool _found;

        private FactReaders(ParameterExpression facts) => _facts = facts;

        public static HashSet<Expression> Of(Expression body, ParameterExpression facts)
        {
            var finder = new FactReaders(facts);
            finder.Visit(body);
            return finder._readers;
        }

        public override Expression? Visit(Expression? node)
        {
            if (node is null) return null;
            var outer = _found;
            _found = node == _facts;
            base.Visit(node);
            if (_found) _readers.Add(node);
            _found |= outer;
            return node;
        }
    }

    private sealed class ConstantFolder(string text, Expression body, HashSet<Expression> readsFacts, List<FaultFinding> findings) : ExpressionVisitor
    {
        private List<int>? _divisionOffsets;
        private List<BinaryExpression>? _divisions;

        public override Expression? Visit(Expression? node)
        {
            if (node is null || node is ConstantExpression || readsFacts.Contains(node)) return base.Visit(node);
            // A part that reads no fact has the same value for every patient: compute it once, here.
            var failure = Run(node, out _);
            if (failure is null) return node;
            if (failure is DivideByZeroException) return base.Visit(node); // the division below names it better
            findings.Add(new(DiagnosticCodes.ConstantFault, new("diag.constant-fault", new MessageText("fault." + RuleFault.Name(RuleFault.KindOf(failure)))),
                null, Token(node), null));
            return node;
        }

        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (node.NodeType is ExpressionType.Divide or ExpressionType.Modulo && !readsFacts.Contains(node.Right)
                && Run(node.Right, out var divisor) is null && IsZero(divisor))
            {
                var op = ExpressionSandbox.OperatorToken(node.NodeType);
                findings.Add(new(DiagnosticCodes.ConstantZeroDivisor, new("diag.constant-zero-divisor", op), OffsetOf(node), op, new("hint.zero-divisor")));
            }
            return base.VisitBinary(node);
        }

        private static bool IsZero(object? value) => value switch
        {
            int i => i == 0,
            long l => l == 0,
            decimal m => m == 0,
            double d => d == 0,
            float f => f == 0,
            _ => false,
        };

        private static Exception? Run(Expression node, out object? value)
        {
            value = null;
            // The common case, a whole-number literal widened for mixed arithmetic ("facts.Age * 1.5m"), without compiling.
            if (node is UnaryExpression { NodeType: ExpressionType.Convert, Operand: ConstantExpression { Value: int or long } literal }
                && (Nullable.GetUnderlyingType(node.Type) ?? node.Type) is var target && (target == typeof(decimal) || target == typeof(double) || target == typeof(long)))
            {
                value = System.Convert.ChangeType(literal.Value, target, System.Globalization.CultureInfo.InvariantCulture);
                return null;
            }
            try
            {
                // Interpreted, as for traces: this runs once; the tree has passed the sandbox, so it only computes.
                value = Expression.Lambda<Func<object?>>(Expression.Convert(OrdinalStrings.Rewrite(node), typeof(object))).Compile(preferInterpretation: true)();
                return null;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                while (ex is TargetInvocationException { InnerException: { } inner }) ex = inner;
                return ex;
            }
        }

        /// <summary>
        /// Where the division's operator is in the text: the divisions of the tree, in order (left operand,
        /// operator, right operand), are the '/' and '%' of the text outside string literals, in order.
        /// </summary>
        private int? OffsetOf(BinaryExpression division)
        {
            _divisionOffsets ??= OperatorOffsets(text);
            if (_divisions is null)
            {
                _divisions = [];
                new DivisionLister(_divisions).Visit(body);
            }
            var index = _divisions.IndexOf(division);
            return index >= 0 && _divisions.Count == _divisionOffsets.Count ? _divisionOffsets[index] : null;
        }

        private static List<int> OperatorOffsets(string text)
        {
            var offsets = new List<int>();
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c is '"' or '\'')
                {
                    for (i++; i < text.Length && text[i] != c; i++)
                    {
                        if (text[i] == '\\') i++;
                    }
                }
                else if (c is '/' or '%') offsets.Add(i);
            }
            return offsets;
        }

        private static string Token(Expression node) => node switch
        {
            BinaryExpression binary => ExpressionSandbox.OperatorToken(binary.NodeType),
            MethodCallExpression call => call.Method.Name,
            MemberExpression member => member.Member.Name,
            _ => string.Empty,
        };
    }

    private sealed class DivisionLister(List<BinaryExpression> divisions) : ExpressionVisitor
    {
        protected override Expression VisitBinary(BinaryExpression node)
        {
            Visit(node.Left);
            if (node.NodeType is ExpressionType.Divide or ExpressionType.Modulo) divisions.Add(node);
            Visit(node.Conversion);
            Visit(node.Right);
            return node;
        }
    }
}
