using System.Linq.Dynamic.Core;
using System.Linq.Dynamic.Core.Parser;
using System.Linq.Expressions;
using CareSequencing.Evaluation;
using RulesEngine;

namespace CareSequencing.Compilation;

/// <summary>
/// Parses a condition exactly as RulesEngine's <c>RuleExpressionParser</c> does (its
/// <see cref="CustomTypeProvider"/> over <see cref="PatientFacts"/>, case-sensitive, Dynamic LINQ's
/// <see cref="ExpressionParser"/>), with one configuration for the process. RulesEngine builds a new
/// type provider for every expression, and each new provider scans every loaded assembly for
/// <c>[DynamicLinqType]</c>, a cost that grows with the assemblies a host has loaded.
/// <c>ConditionParserTests</c> checks that both give the same trees, and the same errors, on every
/// condition of the sandbox corpora and the shipped packs.
/// </summary>
internal static class ConditionParser
{
    // Shared across threads, as Dynamic LINQ's own ParsingConfig.Default is: the provider's merged type
    // set is computed once and only read afterwards.
    private static readonly ParsingConfig Config = new()
    {
        CustomTypeProvider = new CustomTypeProvider([typeof(PatientFacts)]),
        IsCaseSensitive = true,
    };

    /// <summary>The condition's tree, typed as <paramref name="type"/>.</summary>
    /// <exception cref="System.Linq.Dynamic.Core.Exceptions.ParseException">The text does not parse.</exception>
    public static Expression Parse(string text, ParameterExpression facts, Type type) =>
        new ExpressionParser([facts], text, null, Config).Parse(type);
}
