using CareSequencing.Benchmarks.Generated;

namespace CareSequencing.Benchmarks.Synthetic;

/// <summary>Dispatches to the committed hand-written code (Generated/) for a rule count.</summary>
internal static class HandWrittenRules
{
    public static void Evaluate(int ruleCount, SyntheticFacts facts, List<string> fired)
    {
        switch (ruleCount)
        {
            case 10: HandWrittenRules10.Evaluate(facts, fired); break;
            case 100: HandWrittenRules100.Evaluate(facts, fired); break;
            case 1000: HandWrittenRules1000.Evaluate(facts, fired); break;
            case 10000: HandWrittenRules10000.Evaluate(facts, fired); break;
            default: throw new ArgumentOutOfRangeException(nameof(ruleCount), ruleCount, "No hand-written code for this rule count.");
        }
    }

    public static string Fingerprint(int ruleCount) => ruleCount switch
    {
        10 => HandWrittenRules10.Fingerprint,
        100 => HandWrittenRules100.Fingerprint,
        1000 => HandWrittenRules1000.Fingerprint,
        10000 => HandWrittenRules10000.Fingerprint,
        _ => throw new ArgumentOutOfRangeException(nameof(ruleCount), ruleCount, "No hand-written code for this rule count."),
    };

    /// <summary>Throws when the committed code was generated from other rules than the generator makes now.</summary>
    public static void EnsureCurrent(SyntheticRuleSet set)
    {
        if (!string.Equals(Fingerprint(set.RuleCount), set.Fingerprint, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Generated/{HandWrittenEmitter.FileName(set.RuleCount)} is stale: the generator now makes other rules. Run `dotnet run -c Release -- --generate`.");
        }
    }
}
