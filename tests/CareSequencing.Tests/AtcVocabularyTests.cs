using CareSequencing.Authoring.Scenarios;
using CareSequencing.Loading;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;

namespace CareSequencing.Tests;

/// <summary>
/// The host's ATC vocabulary: reading it (formats, headers, errors that name lines, never content) and
/// what it changes in the advice (CSQ3011 for a well-formed code it does not list, nothing else).
/// </summary>
public sealed class AtcVocabularyTests
{
    private static readonly Lazy<CompiledRuleSet> Shipped = new(() => RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow());

    private static string ShippedExcerpt => Path.Combine(TestData.ShippedRules, "reference", "atc-codes.tsv");

    private static AtcVocabulary Parse(string text) => AtcVocabulary.Parse(new StringReader(text), "test.csv");

    [Fact]
    public void Load_ShippedExcerpt_HoldsEveryCodeLine()
    {
        var lines = File.ReadAllLines(ShippedExcerpt).Count(l => l.Length > 0 && l[0] != '#');

        var vocabulary = AtcVocabulary.Load(ShippedExcerpt);

        Assert.Equal(lines, vocabulary.Count);
        Assert.True(vocabulary.Contains("N06AB06"));
        Assert.True(vocabulary.Contains("A02A")); // a class listed in the index
    }

    [Fact]
    public void Parse_WhoStyleCsv_SkipsHeaderAndRepeats_ReadsQuotedAndSeparatedCodes()
    {
        var vocabulary = Parse("""
            atc_code,atc_name,ddd,uom,adm_r,note
            N06AB06,sertraline,50,mg,O,
            N06AB06,sertraline,50,mg,O,
            "N02AX02","tramadol",0.3,g,O,

            # a comment
            n05ba01;diazepam
            L01EA01	imatinib
              N06A  ,ANTIDEPRESSANTS
            """);

        Assert.Equal(5, vocabulary.Count);
        Assert.All(new[] { "N06AB06", "N02AX02", "N05BA01", "L01EA01", "N06A", " n06ab06 " }, code => Assert.True(vocabulary.Contains(code), code));
        Assert.False(vocabulary.Contains("N06AB60"));
        Assert.False(vocabulary.Contains("N06AB")); // a class is known only when listed
        Assert.False(vocabulary.Contains(null));
        Assert.False(vocabulary.Contains("not a code"));
    }

    [Fact]
    public void Parse_LinesThatAreNotCodes_FailWithTheirNumbers_NeverTheirContent()
    {
        var text = "N06AB06\nSECRETX1\n" + string.Concat(Enumerable.Repeat("N06AB06\nbad-line\n", 6));

        var error = Assert.Throws<FormatException>(() => Parse(text));

        Assert.Contains("test.csv: 7 line(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("lines 2, 4, 6, 8, 10, …", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETX1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("bad-line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MistypedCodeOnTheFirstLine_IsAnError_NotAHeader()
    {
        var error = Assert.Throws<FormatException>(() => Parse("N06AB6,sertraline\nN02AX02,tramadol\n"));

        Assert.Contains("(lines 1)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only comments\n\n")]
    [InlineData("atc_code,atc_name\n")]
    public void Parse_NoCode_Fails(string text) =>
        Assert.Contains("no ATC code", Assert.Throws<FormatException>(() => Parse(text)).Message, StringComparison.Ordinal);

    [Fact]
    public void FromCodes_BadCode_FailsNamingItsIndex_GoodCodesNormalised()
    {
        Assert.Contains("item 1", Assert.Throws<FormatException>(() => AtcVocabulary.FromCodes(["N06AB06", "X99"])).Message, StringComparison.Ordinal);
        Assert.True(AtcVocabulary.FromCodes([" n06ab06"]).Contains("N06AB06"));
        Assert.Throws<ArgumentNullException>(() => AtcVocabulary.FromCodes(null!));
    }

    [Fact]
    public void Evaluate_WellFormedCodeNotInVocabulary_IsReportedAtItsPath_AndStillUsed()
    {
        var patient = new PatientContext
        {
            Age = 50,
            Medications = [new("N02AX02") { Name = "tramadol" }, new("N06AB60") { Name = "a typo" }, new("TRAMADOL"), new("N06AB06") { Status = MedicationStatus.Stopped }],
        };
        var settings = new EvaluationSettings { AtcVocabulary = AtcVocabulary.FromCodes(["N02AX02", "N06AB06"]) };

        var advice = TestData.Evaluator(Shipped.Value).Evaluate(patient, settings);

        var warning = Assert.Single(advice.Warnings, w => w.Code == "CSQ3011");
        Assert.Equal("medications[1].code", warning.Path);
        Assert.Contains("N06AB60", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("typo", warning.Message, StringComparison.Ordinal);
        // The malformed code keeps its own warning and only that one.
        Assert.Equal("medications[2].code", Assert.Single(advice.Warnings, w => w.Code == "CSQ3001").Path);
        // Kept as a medication: its class still matches, so the SSRI + tramadol alert holds.
        Assert.Contains(advice.Alerts, a => a.RuleId == "ix.ssri-tramadol");
    }

    [Fact]
    public void Evaluate_SamePatient_WarnsOnlyWithAVocabularyThatLacksTheCode()
    {
        var patient = new PatientContext { Age = 50, Medications = [new("N06AB60")] };
        var evaluator = TestData.Evaluator(Shipped.Value);

        Assert.DoesNotContain(evaluator.Evaluate(patient).Warnings, w => w.Code == "CSQ3011");
        Assert.DoesNotContain(evaluator.Evaluate(patient, new() { AtcVocabulary = AtcVocabulary.FromCodes(["N06AB60"]) }).Warnings, w => w.Code == "CSQ3011");
        Assert.Contains(evaluator.Evaluate(patient, new() { AtcVocabulary = AtcVocabulary.FromCodes(["N06AB06"]) }).Warnings, w => w.Code == "CSQ3011");
    }

    [Fact]
    public void Evaluate_FrenchMessage_NamesTheCode()
    {
        var advice = TestData.Evaluator(Shipped.Value).Evaluate(new PatientContext { Medications = [new("N06AB60")] },
            new EvaluationSettings { Language = "fr", AtcVocabulary = AtcVocabulary.Load(ShippedExcerpt) });

        Assert.Contains("vocabulaire ATC", Assert.Single(advice.Warnings, w => w.Code == "CSQ3011").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCareSequencing_WithVocabulary_EveryEvaluationChecksIt()
    {
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(TestData.Now))
            .AddCareSequencing(o =>
            {
                o.PackPaths.Add(TestData.ShippedRules);
                o.AtcVocabulary = AtcVocabulary.Load(ShippedExcerpt);
            })
            .BuildServiceProvider();

        var advice = provider.GetRequiredService<ICareEvaluator>().Evaluate(PatientContextReader.ReadFile(Path.Combine(TestData.Fixtures, "patients", "CSQ3011-unknown-atc.yaml")));

        Assert.Equal("medications[1].code", Assert.Single(advice.Warnings, w => w.Code == "CSQ3011").Path);
    }

    [Fact]
    public void Evaluate_RandomCodesAndVocabularies_WarnsExactlyForTheWellFormedCodesItLacks()
    {
        // Codes drawn from a small alphabet so that vocabularies and patients overlap often.
        var code = Gen.Select(Gen.Char["NC"], Gen.Int[0, 2], Gen.Char["AB"], Gen.Char["AB"], Gen.Int[0, 3], Gen.Bool)
            .Select((a, d, l1, l2, n, substance) => substance ? $"{a}0{d}{l1}{l2}0{n}" : $"{a}0{d}{l1}{l2}");
        var gen = Gen.Select(code.Array[0, 8], code.Array[1, 12]);
        var evaluator = TestData.Evaluator(Shipped.Value);

        gen.Sample((known, given) =>
        {
            var vocabulary = AtcVocabulary.FromCodes(known);
            var patient = new PatientContext { Age = 40, Medications = [.. given.Select(c => new PatientMedication(c))] };

            var warned = evaluator.Evaluate(patient, new EvaluationSettings { AtcVocabulary = vocabulary }).Warnings
                .Where(w => w.Code == "CSQ3011").Select(w => w.Path).ToList();

            var expected = given.Select((c, i) => (c, i)).Where(x => !known.Contains(x.c)).Select(x => $"medications[{x.i}].code").ToList();
            Assert.Equal(expected, warned);
        }, iter: 10_000);
    }
}
