using System.ComponentModel;
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

    // The same, except that a string literal is never converted to the type it is compared with: Dynamic LINQ
    // turns facts.Age == "40" into facts.Age == 40 (and "true" into true) through the type's TypeConverter.
    // A converter that converts from nothing makes such a comparison an "incompatible operands" error instead.
    // Only that conversion consults the converters, so a condition that parses here gives the tree it gives above.
    private static readonly ParsingConfig StrictConfig = new()
    {
        CustomTypeProvider = Config.CustomTypeProvider,
        IsCaseSensitive = true,
        TypeConverters = new[]
        {
            typeof(bool), typeof(char), typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
            typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset),
            typeof(DateOnly), typeof(TimeOnly), typeof(TimeSpan), typeof(Guid), typeof(Uri), typeof(Version),
        }.ToDictionary(t => t, _ => new TypeConverter()),
    };

    /// <summary>The condition's tree, typed as <paramref name="type"/>, as RulesEngine's parser gives it.</summary>
    /// <exception cref="System.Linq.Dynamic.Core.Exceptions.ParseException">The text does not parse.</exception>
    public static Expression Parse(string text, ParameterExpression facts, Type type) =>
        new ExpressionParser([facts], text, null, Config).Parse(type);

    /// <summary>
    /// The same tree as <see cref="Parse"/>, but a string literal compared with or cast to another type is an error rather
    /// than converted (<c>facts.Age == "40"</c>, <c>facts.HasFlag("a") == "true"</c>): what rules load with.
    /// </summary>
    /// <exception cref="System.Linq.Dynamic.Core.Exceptions.ParseException">The text does not parse, or converts a literal.</exception>
    public static Expression ParseStrict(string text, ParameterExpression facts, Type type) =>
        new ExpressionParser([facts], text, null, StrictConfig).Parse(type);
}
