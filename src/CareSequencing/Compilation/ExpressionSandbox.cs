using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Linq.Expressions;
using System.Reflection;
using CareSequencing.Evaluation;
using CareSequencing.Model;

namespace CareSequencing.Compilation;

/// <summary>A helper call or property read in a condition, kept to explain a rule that fired.</summary>
internal sealed record FactProbe
{
    private readonly string[] _texts;

    public FactProbe(string member, ImmutableArray<object>? arguments)
    {
        Member = member;
        Arguments = arguments;
        // Everything an explanation reads is computed here, at compile time: a compiled rule set is shared
        // by every evaluating thread and is never written after it is built.
        _texts = arguments is { } args
            ? [.. args.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? "")]
            : [];
        Query = QueryText(member, arguments is not null ? Text(0) : "(computed)", Text(1));
    }

    /// <summary>The <see cref="PatientFacts"/> member.</summary>
    public string Member { get; }

    /// <summary>Its constant arguments; null when an argument was not a literal.</summary>
    public ImmutableArray<object>? Arguments { get; }

    /// <summary>Argument <paramref name="index"/> as invariant text.</summary>
    public string Text(int index) => index < _texts.Length ? _texts[index] : "(computed)";

    /// <summary>The explanation's query text for this probe, for the members whose query is more than the first argument; otherwise null.</summary>
    public string? Query { get; }

    private static string? QueryText(string member, string first, string second) => member switch
    {
        nameof(PatientFacts.HasConditionInRange) => $"{first}–{second}",
        nameof(PatientFacts.MedicationStartedWithin) or nameof(PatientFacts.OralMedicationStartedWithin) => $"{first} ≤ {second} d",
        nameof(PatientFacts.PhaseCompleted) => "completed:" + first,
        _ => null,
    };
}

/// <summary>A construct the sandbox refused, with the text to point at.</summary>
internal sealed record SandboxViolation(MessageText Message, string Token);

/// <summary>
/// The whitelist every condition passes after parsing: literals, operators, the <c>facts</c>
/// parameter and the public members declared on <see cref="PatientFacts"/>, plus a few pure string
/// members. Everything else (reflection, static members, object creation, lambdas, LINQ, indexers)
/// is refused. This is the security boundary: RulesEngine's parser alone lets
/// <c>"".GetType().Assembly</c> and <c>Enumerable.Range</c> through.
/// </summary>
internal sealed class ExpressionSandbox : ExpressionVisitor
{
    private static readonly FrozenSet<MemberInfo> FactMembers = typeof(PatientFacts)
        .GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        .Where(m => m is PropertyInfo || m is MethodInfo { IsSpecialName: false })
        .ToFrozenSet();

    private static readonly FrozenSet<MethodInfo> StringMethods = new[]
    {
        typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!,
        typeof(string).GetMethod(nameof(string.EndsWith), [typeof(string)])!,
        typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!,
        typeof(string).GetMethod(nameof(string.Equals), [typeof(string)])!,
        typeof(string).GetMethod(nameof(string.Equals), [typeof(string), typeof(string)])!,
        typeof(string).GetMethod("op_Equality", [typeof(string), typeof(string)])!,
        typeof(string).GetMethod("op_Inequality", [typeof(string), typeof(string)])!,
        typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!,
    }.ToFrozenSet();

    private static readonly FrozenSet<Type> ValueTypes = new[]
    {
        typeof(bool), typeof(int), typeof(long), typeof(double), typeof(decimal), typeof(float), typeof(string),
        typeof(bool?), typeof(int?), typeof(long?), typeof(double?), typeof(decimal?), typeof(float?),
    }.ToFrozenSet();

    private readonly ParameterExpression _facts;
    private readonly List<SandboxViolation> _violations = [];
    private readonly List<FactProbe> _probes = [];

    private ExpressionSandbox(ParameterExpression facts) => _facts = facts;

    public static (IReadOnlyList<SandboxViolation> Violations, IReadOnlyList<FactProbe> Probes) Inspect(
        Expression body, ParameterExpression facts)
    {
        var sandbox = new ExpressionSandbox(facts);
        sandbox.Visit(body);
        return (sandbox._violations, sandbox._probes);
    }

    public override Expression? Visit(Expression? node)
    {
        if (node is null) return null;
        if (!ValueTypes.Contains(node.Type) && node.Type != typeof(PatientFacts))
        {
            // "x != null" wraps x in a conversion to object and types the null as object:
            // the literal null is harmless, and for the conversion the culprit is its operand.
            if (node is ConstantExpression { Value: null }) return node;
            if (node is UnaryExpression { NodeType: ExpressionType.Convert } convert && ReportsInside(convert.Operand)) return node;
            var token = TokenOf(node);
            Refuse(token.Length > 0 && token != "new"
                ? new("sandbox.value-type", token, node.Type.Name)
                : new("sandbox.type", node.Type.Name), token);
            return node; // do not descend: one report per offending construct
        }
        switch (node.NodeType)
        {
            case ExpressionType.Constant:
            case ExpressionType.Parameter:
            case ExpressionType.MemberAccess:
            case ExpressionType.Call:
            case ExpressionType.Conditional:
            case ExpressionType.Not:
            case ExpressionType.Negate:
            case ExpressionType.Convert:
            case ExpressionType.ConvertChecked:
            case ExpressionType.AndAlso:
            case ExpressionType.OrElse:
            case ExpressionType.And:
            case ExpressionType.Or:
            case ExpressionType.Equal:
            case ExpressionType.NotEqual:
            case ExpressionType.LessThan:
            case ExpressionType.LessThanOrEqual:
            case ExpressionType.GreaterThan:
            case ExpressionType.GreaterThanOrEqual:
            case ExpressionType.Add:
            case ExpressionType.Subtract:
            case ExpressionType.Multiply:
            case ExpressionType.Divide:
            case ExpressionType.Modulo:
                return base.Visit(node);
            default:
                Refuse(new("sandbox.node-type", node.NodeType), TokenOf(node));
                return node;
        }
    }

    protected override Expression VisitParameter(ParameterExpression node)
    {
        if (node != _facts) Refuse(new("sandbox.parameter"), node.Name ?? "");
        return node;
    }

    protected override Expression VisitMember(MemberExpression node)
    {
        if (node.Expression == _facts && FactMembers.Contains(node.Member))
        {
            _probes.Add(new FactProbe(node.Member.Name, []));
            return node;
        }
        if (node.Member == typeof(string).GetProperty(nameof(string.Length)) && node.Expression is not null)
        {
            Visit(node.Expression);
            return node;
        }
        // Report the innermost offence first: in "facts.GetType().Name" the culprit is GetType, not Name.
        if (!ReportsInside(node.Expression)) Refuse(new("sandbox.member", node.Member.Name), node.Member.Name);
        return node;
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Object == _facts && FactMembers.Contains(node.Method))
        {
            var constants = node.Arguments.All(a => a is ConstantExpression)
                ? node.Arguments.Select(a => ((ConstantExpression)a).Value!).ToImmutableArray()
                : (ImmutableArray<object>?)null;
            _probes.Add(new FactProbe(node.Method.Name, constants));
            foreach (var argument in node.Arguments) Visit(argument);
            return node;
        }
        if (StringMethods.Contains(node.Method))
        {
            if (node.Object is not null) Visit(node.Object);
            foreach (var argument in node.Arguments) Visit(argument);
            return node;
        }
        // The call itself is the offence; only its receiver may hold an earlier one ("facts.GetType().GetMethods()").
        // Its arguments are not inspected: "String.Join(",", facts.Sex)" is about Join, not the array built for it.
        var receiver = node.Object
            ?? (node.Arguments.Count > 0 && node.Method.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute), false) ? node.Arguments[0] : null);
        if (!ReportsInside(receiver)) Refuse(new("sandbox.method", node.Method.Name), node.Method.Name);
        return node;
    }

    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (node.Method is not null && !StringMethods.Contains(node.Method) && node.Method.DeclaringType != typeof(decimal))
        {
            // An operand outside the sandbox ("Guid.NewGuid() != Guid.Empty") is the better report than its operator.
            if (!ReportsInside(node.Left, node.Right)) Refuse(new("sandbox.operator", node.NodeType, node.Left.Type.Name), OperatorToken(node.NodeType));
            return node;
        }
        return base.VisitBinary(node);
    }

    private bool ReportsInside(params Expression?[] children)
    {
        var before = _violations.Count;
        foreach (var child in children) Visit(child);
        return _violations.Count > before;
    }

    private void Refuse(MessageText message, string token)
    {
        if (!_violations.Exists(v => v.Message.Equals(message))) _violations.Add(new SandboxViolation(message, token));
    }

    /// <summary>The operator's text in a condition, to point a diagnostic at; empty for other nodes.</summary>
    internal static string OperatorToken(ExpressionType type) => type switch
    {
        ExpressionType.Add => "+",
        ExpressionType.Subtract => "-",
        ExpressionType.Multiply => "*",
        ExpressionType.Divide => "/",
        ExpressionType.Modulo => "%",
        ExpressionType.Equal => "==",
        ExpressionType.NotEqual => "!=",
        ExpressionType.LessThan or ExpressionType.LessThanOrEqual => "<",
        ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual => ">",
        _ => string.Empty,
    };

    private static string TokenOf(Expression node) => node switch
    {
        MethodCallExpression call => call.Method.Name,
        MemberExpression member => member.Member.Name,
        NewExpression or NewArrayExpression or MemberInitExpression or ListInitExpression => "new",
        LambdaExpression => "=>",
        _ => string.Empty,
    };
}
