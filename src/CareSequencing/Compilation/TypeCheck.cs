using System.Linq.Dynamic.Core.Exceptions;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;
using CareSequencing.Evaluation;
using CareSequencing.Model;

namespace CareSequencing.Compilation;

/// <summary>
/// Tells a type mismatch from other parse errors. With <see cref="ConditionParser.ParseStrict"/> no value is ever
/// converted to another type, so comparing, combining or passing values of different types fails in the parser:
/// these are its messages for that (they name types, never values, so no text of the condition leaks into them).
/// </summary>
internal static partial class TypeCheck
{
    private static readonly string[] MismatchMessages =
    [
        "incompatible with operand type",      // Operator '==' incompatible with operand types 'Int32' and 'String'; Operator '!' ... type 'Int32'
        "Both of the types",                   // iif(c, 1, "a")
        "Neither of the types",
        "are incompatible",                    // Types 'Int32' and 'String' are incompatible
        "cannot be converted to type",         // A value of type 'String' cannot be converted to type 'Int32'
        "The first expression must be of type 'Boolean'",
    ];

    /// <summary>The diagnostic message when <paramref name="error"/> is a type mismatch; null for any other parse error.</summary>
    public static MessageText? Mismatch(ParseException error)
    {
        var message = error.Message;
        if (MismatchMessages.Any(m => message.Contains(m, StringComparison.Ordinal))) return new("diag.type-mismatch", Clean(message));
        // "No applicable method 'HasCondition' exists in type 'PatientFacts'": the helper exists, so its arguments are what is wrong.
        if (NoApplicableMethod().Match(message) is { Success: true } call && Signatures(call.Groups[2].Value, call.Groups[1].Value) is { } signatures)
            return new("diag.helper-argument-types", call.Groups[1].Value, signatures);
        return null;
    }

    /// <summary>
    /// Where Dynamic LINQ lets a comparison through that <see cref="Expression"/> then refuses (<c>facts.Sex == 1</c>:
    /// "The binary operator Equal is not defined for the types 'System.String' and 'System.Int32'"), the mismatch
    /// and the first operator of that kind in the text; null for any other failure.
    /// </summary>
    public static (MessageText Message, int Offset)? UndefinedOperator(InvalidOperationException error, string text)
    {
        if (UndefinedBinaryOperator().Match(error.Message) is not { Success: true } match) return null;
        string[] tokens = match.Groups[1].Value switch
        {
            "Equal" => ["==", "="],
            "NotEqual" => ["!=", "<>"],
            "LessThan" => ["<"],
            "LessThanOrEqual" => ["<="],
            "GreaterThan" => [">"],
            "GreaterThanOrEqual" => [">="],
            _ => [],
        };
        var offset = tokens.Select(t => text.IndexOf(t, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var left = match.Groups[2].Value.Replace("System.", "", StringComparison.Ordinal);
        var right = match.Groups[3].Value.Replace("System.", "", StringComparison.Ordinal);
        return (new("diag.type-mismatch", $"'{tokens.FirstOrDefault() ?? match.Groups[1].Value}' between {left} and {right}"), offset);
    }

    /// <summary>
    /// <c>facts.Age + "1"</c> parses as a string concatenation of a number: a mismatch. (A concatenation of strings
    /// only is left to the sandbox, which refuses it for its cost.)
    /// </summary>
    public static MessageText? MixedConcatenation(Expression body)
    {
        var finder = new ConcatFinder();
        finder.Visit(body);
        return finder.Found is { } type ? new("diag.type-mismatch", $"'+' between String and {type.Name}") : null;
    }

    private sealed class ConcatFinder : ExpressionVisitor
    {
        public Type? Found { get; private set; }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (Found is null && node.Method.DeclaringType == typeof(string) && node.Method.Name == nameof(string.Concat))
            {
                foreach (var argument in node.Arguments)
                {
                    var operand = argument is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : argument;
                    if (operand.Type != typeof(string)) { Found = operand.Type; break; }
                }
            }
            return base.VisitMethodCall(node);
        }
    }

    private static string? Signatures(string typeName, string method)
    {
        var type = typeName switch
        {
            nameof(PatientFacts) => typeof(PatientFacts),
            nameof(String) => typeof(string),
            _ => null,
        };
        var methods = type?.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => string.Equals(m.Name, method, StringComparison.Ordinal)).ToList();
        if (methods is null || methods.Count == 0) return null;
        return string.Join(" or ", methods.Select(m => $"{method}({string.Join(", ", m.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}"))})").Order(StringComparer.Ordinal));
    }

    private static string Name(Type type) => type == typeof(string) ? "string" : type == typeof(int) ? "int" : type == typeof(bool) ? "bool" : type.Name;

    // Dynamic LINQ appends " (at index 12)"; the diagnostic has its own position.
    private static string Clean(string message) => AtIndex().Replace(message, "");

    [GeneratedRegex(@"^No applicable method '([A-Za-z_][A-Za-z0-9_]*)' exists in type '([A-Za-z_][A-Za-z0-9_]*)'")]
    private static partial Regex NoApplicableMethod();

    [GeneratedRegex(@"^The binary operator (\w+) is not defined for the types '([\w.]+)' and '([\w.]+)'")]
    private static partial Regex UndefinedBinaryOperator();

    [GeneratedRegex(@" \(at index \d+\)$")]
    private static partial Regex AtIndex();
}
