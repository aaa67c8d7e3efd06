using System.Linq.Expressions;
using System.Text;
using CareSequencing.Compilation;
using CareSequencing.Evaluation;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;

namespace CareSequencing.Tests.Compilation;

/// <summary>
/// <see cref="ConditionParser"/> (one shared configuration) against RulesEngine's own
/// <see cref="RuleExpressionParser"/> configured as the library used it: the same tree, node by node
/// (kind, type, member, method overload, constant), or the same error, for every condition of the
/// hostile and legitimate corpora and of the shipped packs, typed as a condition and as a fragment.
/// </summary>
public sealed class ConditionParserTests
{
    private static readonly RuleExpressionParser RulesEngineParser = new(new ReSettings
    {
        CustomTypes = [typeof(PatientFacts)],
        IsExpressionCaseSensitive = true,
        AutoRegisterInputType = false,
    });

    public static TheoryData<string> Conditions()
    {
        var texts = new List<string>();
        texts.AddRange(ExpressionCorpusTests.Entries("hostile-expressions.yaml", "hostile").Select(e => ExpressionCorpusTests.Expand((string)e!["expression"]!)));
        texts.AddRange(ExpressionCorpusTests.Entries("legitimate-expressions.yaml", "legitimate").Select(e => (string)e!["expression"]!));
        texts.AddRange(RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow().Rules.Select(r => r.Definition.Condition));
        // Only what reaches the parser: the pre-parse limits refuse the rest (and deep nesting would overflow either parser).
        return [.. texts.Where(t => ExpressionLimits.CheckText(t) is null).Distinct(StringComparer.Ordinal)];
    }

    [Fact]
    public void Corpora_AreLargeEnoughToMeanSomething() => Assert.True(Conditions().Count >= 100, $"{Conditions().Count} conditions");

    [Theory]
    [MemberData(nameof(Conditions))]
    public void Parse_SameTreeOrSameError_AsRulesEngine(string text)
    {
        var facts = Expression.Parameter(typeof(PatientFacts), "facts");

        foreach (var type in new[] { typeof(bool), typeof(object) })
        {
            var expected = Outcome(() => RulesEngineParser.Parse(text, [facts], type));
            var actual = Outcome(() => ConditionParser.Parse(text, facts, type));
            Assert.Equal(expected, actual);
        }
    }

    /// <summary>
    /// The strict parse that rules load with refuses converting a literal to another type, and changes nothing else:
    /// where it accepts a condition, the tree is the one RulesEngine's parser gives.
    /// </summary>
    [Theory]
    [MemberData(nameof(Conditions))]
    public void ParseStrict_WhereItAccepts_SameTreeAsParse(string text)
    {
        var facts = Expression.Parameter(typeof(PatientFacts), "facts");
        var strict = Outcome(() => ConditionParser.ParseStrict(text, facts, typeof(bool)));
        if (strict.StartsWith("System.Linq.Dynamic.Core.Exceptions.ParseException", StringComparison.Ordinal)) return;

        Assert.Equal(Outcome(() => ConditionParser.Parse(text, facts, typeof(bool))), strict);
    }

    [Theory]
    [InlineData("facts.Age == \"40\"")]
    [InlineData("\"40\" < facts.Age")]
    [InlineData("facts.HasFlag(\"a\") == \"true\"")]
    public void ParseStrict_LiteralOfAnotherType_IsRefused_WhereRulesEngineConvertsIt(string text)
    {
        var facts = Expression.Parameter(typeof(PatientFacts), "facts");

        Assert.NotNull(RulesEngineParser.Parse(text, [facts], typeof(bool)));
        var error = Assert.Throws<System.Linq.Dynamic.Core.Exceptions.ParseException>(() => ConditionParser.ParseStrict(text, facts, typeof(bool)));
        Assert.Contains("incompatible with operand types", error.Message, StringComparison.Ordinal);
    }

    private static string Outcome(Func<Expression> parse)
    {
        try
        {
            return Fingerprint.Of(parse());
        }
        catch (Exception ex)
        {
            return $"{ex.GetType().FullName}: {ex.Message}";
        }
    }

    /// <summary>Every node in order: kind, type, and what it binds to.</summary>
    private sealed class Fingerprint : ExpressionVisitor
    {
        private readonly StringBuilder _text = new();

        public static string Of(Expression expression)
        {
            var fingerprint = new Fingerprint();
            fingerprint.Visit(expression);
            return fingerprint._text.ToString();
        }

        public override Expression? Visit(Expression? node)
        {
            if (node is null) return null;
            _text.Append(node.NodeType).Append(':').Append(node.Type.FullName);
            switch (node)
            {
                case MethodCallExpression call: _text.Append(' ').Append(call.Method.DeclaringType?.FullName).Append('.').Append(call.Method); break;
                case MemberExpression member: _text.Append(' ').Append(member.Member.DeclaringType?.FullName).Append('.').Append(member.Member.Name); break;
                case ConstantExpression constant: _text.Append(" = ").Append(constant.Value); break;
                case ParameterExpression parameter: _text.Append(' ').Append(parameter.Name); break;
                case BinaryExpression { Method: not null } binary: _text.Append(' ').Append(binary.Method); break;
                case UnaryExpression { Method: not null } unary: _text.Append(' ').Append(unary.Method); break;
            }
            _text.Append('\n');
            return base.Visit(node);
        }
    }
}
