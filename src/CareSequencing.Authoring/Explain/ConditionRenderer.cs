using System.Globalization;
using System.Linq.Expressions;

namespace CareSequencing.Authoring.Explain;

/// <summary>Writes condition nodes back as condition text.</summary>
internal static class ConditionRenderer
{
    // Conversions the parser inserts (int to double for "facts.Age > 17.5") are not in the text: show the operand.
    public static Expression Unwrap(Expression node)
    {
        while (node is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert) node = convert.Operand;
        return node;
    }

    /// <summary>The operator as conditions write it; empty for nodes that are not binary operators.</summary>
    public static string Symbol(ExpressionType type) => type switch
    {
        ExpressionType.AndAlso => "&&",
        ExpressionType.OrElse => "||",
        ExpressionType.And => "&",
        ExpressionType.Or => "|",
        ExpressionType.Equal => "==",
        ExpressionType.NotEqual => "!=",
        ExpressionType.LessThan => "<",
        ExpressionType.LessThanOrEqual => "<=",
        ExpressionType.GreaterThan => ">",
        ExpressionType.GreaterThanOrEqual => ">=",
        ExpressionType.Add => "+",
        ExpressionType.Subtract => "-",
        ExpressionType.Multiply => "*",
        ExpressionType.Divide => "/",
        ExpressionType.Modulo => "%",
        _ => string.Empty,
    };

    private static int Precedence(Expression node) => node.NodeType switch
    {
        ExpressionType.Conditional => 1,
        ExpressionType.OrElse => 2,
        ExpressionType.AndAlso => 3,
        ExpressionType.Or or ExpressionType.And => 4,
        ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual
            or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual => 5,
        ExpressionType.Add or ExpressionType.Subtract => 6,
        ExpressionType.Multiply or ExpressionType.Divide or ExpressionType.Modulo => 7,
        ExpressionType.Not or ExpressionType.Negate => 8,
        _ => 9,
    };

    /// <summary>
    /// The node written back as a condition, with only the parentheses precedence needs: shown for
    /// nodes whose text is not in the source (a parser rewrite), and compared with a span of the
    /// source to recognise the usual case without parsing it again.
    /// </summary>
    public static string Render(Expression node)
    {
        node = Unwrap(node);
        string Child(Expression child, bool tight)
        {
            var text = Render(child);
            var inner = Precedence(Unwrap(child));
            return inner < Precedence(node) || (tight && inner == Precedence(node)) ? "(" + text + ")" : text;
        }

        return node switch
        {
            ConstantExpression constant => TraceFormat.Value(constant.Value),
            ParameterExpression parameter => parameter.Name ?? "facts",
            MemberExpression member => (member.Expression is null ? member.Member.DeclaringType!.Name : Render(member.Expression)) + "." + member.Member.Name,
            MethodCallExpression call => (call.Object is null ? call.Method.DeclaringType!.Name : Child(call.Object, tight: false))
                + "." + call.Method.Name + "(" + string.Join(", ", call.Arguments.Select(Render)) + ")",
            UnaryExpression { NodeType: ExpressionType.Not } not => "!" + Child(not.Operand, tight: false),
            UnaryExpression { NodeType: ExpressionType.Negate } negate => "-" + Child(negate.Operand, tight: false),
            BinaryExpression binary when Symbol(binary.NodeType).Length > 0 =>
                Child(binary.Left, tight: false) + " " + Symbol(binary.NodeType) + " " + Child(binary.Right, tight: true),
            ConditionalExpression conditional => Child(conditional.Test, tight: true) + " ? " + Child(conditional.IfTrue, tight: true)
                + " : " + Child(conditional.IfFalse, tight: false),
            _ => node.ToString(),
        };
    }
}

/// <summary>How trace values are written, the same in text and JSON-like contexts.</summary>
internal static class TraceFormat
{
    public static string Value(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
