using System.Linq.Expressions;
using System.Reflection;

namespace CareSequencing.Compilation;

/// <summary>
/// Rewrites the culture-sensitive string calls a condition may write (<c>StartsWith(s)</c>,
/// <c>EndsWith(s)</c>, <c>string.Compare(a, b)</c>) to their ordinal forms before the condition
/// runs, so that a rule gives the same answer on every host whatever its culture (with ICU, the
/// culture-sensitive forms ignore characters such as the soft hyphen). The parsed tree kept for
/// traces is not rewritten: traces compare it with re-parsed source text; they run nodes through
/// <see cref="Rewrite"/> too.
/// </summary>
internal sealed class OrdinalStrings : ExpressionVisitor
{
    private static readonly MethodInfo StartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
    private static readonly MethodInfo EndsWith = typeof(string).GetMethod(nameof(string.EndsWith), [typeof(string)])!;
    private static readonly MethodInfo Compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
    private static readonly MethodInfo StartsWithOrdinal = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string), typeof(StringComparison)])!;
    private static readonly MethodInfo EndsWithOrdinal = typeof(string).GetMethod(nameof(string.EndsWith), [typeof(string), typeof(StringComparison)])!;
    private static readonly MethodInfo CompareOrdinal = typeof(string).GetMethod(nameof(string.CompareOrdinal), [typeof(string), typeof(string)])!;
    private static readonly ConstantExpression Ordinal = Expression.Constant(StringComparison.Ordinal);
    private static readonly OrdinalStrings Instance = new();

    /// <summary>The same tree with every culture-sensitive string call made ordinal.</summary>
    public static Expression Rewrite(Expression body) => Instance.Visit(body);

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var visited = (MethodCallExpression)base.VisitMethodCall(node);
        if (visited.Method == StartsWith) return Expression.Call(visited.Object, StartsWithOrdinal, visited.Arguments[0], Ordinal);
        if (visited.Method == EndsWith) return Expression.Call(visited.Object, EndsWithOrdinal, visited.Arguments[0], Ordinal);
        if (visited.Method == Compare) return Expression.Call(CompareOrdinal, visited.Arguments[0], visited.Arguments[1]);
        return visited;
    }
}
