using System.Globalization;

namespace CareSequencing.Benchmarks.Synthetic;

/// <summary>
/// Generates a rule set of a given size, deterministically (one <see cref="Random"/> seeded with
/// <see cref="Seed"/>, no clock, no hash-order dependence), in the mix of the shipped packs.
/// Each rule gets a role for the patient it is generated for: a constant handful fire or nearly
/// fire, every other rule's triggers are absent from the patient. Each rule is drawn until its
/// condition, evaluated directly, does what its role says.
/// </summary>
internal static class SyntheticPackGenerator
{
    public const int Seed = 42;

    /// <summary>The rule counts of the benchmarks (and of the committed hand-written code).</summary>
    public static readonly int[] RuleCounts = [10, 100, 1000, 10000];

    /// <summary>Share of draft rules among the rules that do not fire (the shipped packs: 1 of 18).</summary>
    private const double DraftShare = 0.05;

    private const int MaxAttempts = 10_000;

    public static SyntheticRuleSet Generate(int ruleCount) => Generate(ruleCount, SyntheticMix.Shipped, FireTargets.Typical, SyntheticPatients.Typical);

    public static SyntheticRuleSet Generate(int ruleCount, SyntheticMix mix, FireTargets targets, PatientContext patient)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ruleCount, 1);
        var random = new Random(Seed);
        var draw = new TriggerDraw(random, patient);
        // No two rules or entries share a condition: the linter rejects duplicate rules (CSQ1021), and real packs have none.
        var conditions = new HashSet<string>(StringComparer.Ordinal);
        var counts = mix.Apportion(ruleCount);
        var families = new (string Prefix, string Family, (int Weight, RuleShapes.Shape Build)[] Shapes)[]
        {
            ("seq", "sequencing", RuleShapes.Sequencing),
            ("compat", "compatibility", RuleShapes.Compatibility),
            ("dd", "double-diagnosis", RuleShapes.DoubleDiagnosis),
            ("ix.dc", "interaction", RuleShapes.DrugCondition),
        };

        var rules = new List<SyntheticRule>();
        for (var f = 0; f < families.Length; f++)
        {
            var (prefix, family, shapes) = families[f];
            var roles = Roles(random, counts[f], Math.Min(targets.FirePerFamily, counts[f]),
                counts[f] >= 2 ? targets.NearMissPerFamily : 0);
            for (var i = 0; i < roles.Length; i++)
            {
                var id = $"{prefix}.r{(i + 1).ToString("00000", CultureInfo.InvariantCulture)}";
                rules.Add(Rule(draw, conditions, id, family, shapes, roles[i]));
            }
        }

        var entryCount = counts[4];
        var entryRoles = Roles(random, entryCount, Math.Min(targets.EntryFires, entryCount), targets.EntryNearMisses);
        var entries = new List<SyntheticInteraction>(entryCount);
        for (var i = 0; i < entryCount; i++)
            entries.Add(Entry(draw, conditions, $"ix.e{(i + 1).ToString("00000", CultureInfo.InvariantCulture)}", entryRoles[i]));

        var set = new SyntheticRuleSet(ruleCount, rules, entries, patient);
        if (!set.ExpectedFired(patient).SetEquals(set.PlannedFired))
            throw new InvalidOperationException("The generator's roles and the evaluated conditions disagree.");
        return set;
    }

    /// <summary>Roles for <paramref name="count"/> rules: some fire, some nearly fire, at random positions; the rest are absent.</summary>
    private static Role[] Roles(Random random, int count, int fire, int nearMiss)
    {
        var roles = Enumerable.Repeat(Role.Absent, count).ToArray();
        nearMiss = Math.Min(nearMiss, count - fire);
        var positions = Enumerable.Range(0, count).ToArray();
        random.Shuffle(positions);
        for (var i = 0; i < fire; i++) roles[positions[i]] = Role.Fire;
        for (var i = fire; i < fire + nearMiss; i++) roles[positions[i]] = Role.NearMiss;
        return roles;
    }

    private static SyntheticRule Rule(TriggerDraw draw, HashSet<string> conditions, string id, string family, (int Weight, RuleShapes.Shape Build)[] shapes, Role role)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var slot = 0;
            bool Trigger() => role switch
            {
                Role.Fire => true,
                Role.NearMiss => slot++ == 0 || draw.Chance(0.5),
                _ => false,
            };
            var (when, outcome) = Weighted(draw, shapes)(draw, Trigger);
            if (when.Evaluate(draw.Facts) != (role == Role.Fire) || !conditions.Add(when.Render())) continue;
            var draft = role == Role.Absent && draw.Chance(DraftShare);
            return new SyntheticRule(id, family, draft, when, outcome, role);
        }
        throw new InvalidOperationException($"No {family} rule with role {role} after {MaxAttempts} attempts.");
    }

    private static SyntheticInteraction Entry(TriggerDraw draw, HashSet<string> conditions, string id, Role role)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var a = Side(draw, present: role != Role.Absent);
            var b = Side(draw, present: role == Role.Fire);
            if (Overlap(a, b)) continue;
            if (draw.Chance(0.5)) (a, b) = (b, a);
            var entry = new SyntheticInteraction(id, a, b, draw.Pick(["contraindicated", "major", "major", "moderate", "minor"]), role);
            if (entry.AsCondition().Evaluate(draw.Facts) == (role == Role.Fire) && conditions.Add(entry.AsCondition().Render())) return entry;
        }
        throw new InvalidOperationException($"No interaction entry with role {role} after {MaxAttempts} attempts.");
    }

    /// <summary>
    /// One side's codes, sized as in the shipped tables (102 sides: 48% one code, 15% two, 21% three to
    /// five, 9% six to ten, 7% eleven to 29, the QT-prolonging list).
    /// </summary>
    private static List<string> Side(TriggerDraw draw, bool present)
    {
        var roll = draw.Random.NextDouble();
        var size = roll < 0.48 ? 1 : roll < 0.63 ? 2 : roll < 0.84 ? draw.Between(3, 5) : roll < 0.93 ? draw.Between(6, 10) : draw.Between(11, 29);
        var codes = new List<string>(size);
        if (present) codes.Add(draw.Atc(true, side: true));
        // A side never lists a class and a code under it: the shipped tables do not, and it would count twice.
        for (var attempt = 0; codes.Count < size && attempt < size * 20; attempt++)
        {
            var code = draw.Atc(false, side: true);
            if (!Overlap(codes, [code])) codes.Add(code);
        }
        draw.Random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(codes));
        return codes;
    }

    private static bool Overlap(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Any(x => b.Any(y => x.StartsWith(y, StringComparison.Ordinal) || y.StartsWith(x, StringComparison.Ordinal)));

    private static RuleShapes.Shape Weighted(TriggerDraw draw, (int Weight, RuleShapes.Shape Build)[] shapes)
    {
        var roll = draw.Random.Next(shapes.Sum(s => s.Weight));
        foreach (var (weight, build) in shapes)
        {
            if (roll < weight) return build;
            roll -= weight;
        }
        throw new InvalidOperationException("Unreachable: the roll is below the total weight.");
    }
}
