using System.Text;
using System.Text.Json;
using CareSequencing.Presentation;

namespace CareSequencing.Tests.Presentation;

/// <summary>
/// <see cref="Advice.Unchecked"/>: what was not checked reaches the clinician (a line above ALERTS, a JSON array, a
/// CDS Hooks card), capped so that a large bundle still gives a short summary; and list cards stay under 8 KB.
/// </summary>
public sealed class UncheckedDisplayTests
{
    private const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";

    private static readonly UncheckedCode Oxycodone = new(UncheckedCodeKind.Medication, RxNorm, "1049621")
    {
        Display = "oxycodone hydrochloride 5 MG Oral Tablet",
        Path = "Bundle.entry[12].resource.medicationCodeableConcept",
    };

    private static readonly UncheckedCode Fever = new(UncheckedCodeKind.Condition, "http://snomed.info/sct", "386661006") { Display = "Fever" };

    private static Advice Evaluate(PatientContext patient, string language = "en") =>
        TestData.Evaluator().Evaluate(patient, new EvaluationSettings { Language = language });

    private static PatientContext With(params UncheckedCode[] codes) => TestData.FullPatient with { Unchecked = codes };

    private static List<JsonElement> Cards(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("cards").EnumerateArray()];

    private static string Topic(JsonElement card) => card.GetProperty("source").GetProperty("topic").GetProperty("code").GetString()!;

    private static UncheckedCode Medication(int i, string? display = null) =>
        new(UncheckedCodeKind.Medication, RxNorm, (100000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)) { Display = display ?? $"drug {i} 5 MG Oral Tablet" };

    [Fact]
    public void Evaluate_PatientUnchecked_ReachesTheAdvice_AndNotTheWarnings()
    {
        var advice = Evaluate(With(Oxycodone, Fever));

        Assert.Equal(new[] { Oxycodone, Fever }, advice.Unchecked);
        Assert.DoesNotContain(advice.Warnings, w => w.Message.Contains("oxycodone", StringComparison.OrdinalIgnoreCase) || w.Message.Contains("1049621", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_NothingUnchecked_GivesAnEmptyList() =>
        Assert.Empty(Evaluate(TestData.FullPatient).Unchecked);

    [Fact]
    public void TextWriter_Unchecked_SaysSoAboveAlerts_English()
    {
        var text = AdviceTextWriter.Write(Evaluate(With(Oxycodone, Medication(2), Fever)));

        const string Medications = "2 medications not checked: oxycodone hydrochloride 5 MG Oral Tablet (RxNorm 1049621), drug 2 5 MG Oral Tablet (RxNorm 100002)";
        const string Conditions = "1 condition not checked: Fever (SNOMED CT 386661006)";
        var lines = text.Split('\n');
        var alerts = Array.FindIndex(lines, l => l.StartsWith("ALERTS", StringComparison.Ordinal));
        Assert.Equal(Medications, lines[alerts - 3]);
        Assert.Equal(Conditions, lines[alerts - 2]);
        Assert.Equal("", lines[alerts - 1]);
    }

    [Fact]
    public void TextWriter_Unchecked_SaysSoAboveAlerts_French()
    {
        var text = AdviceTextWriter.Write(Evaluate(With(Oxycodone, Fever, new UncheckedCode(UncheckedCodeKind.Condition, "urn:example:local", "L-1")), "fr"));

        var lines = text.Split('\n');
        var alerts = Array.FindIndex(lines, l => l.StartsWith("ALERTES", StringComparison.Ordinal));
        Assert.Equal("1 médicament non vérifié : oxycodone hydrochloride 5 MG Oral Tablet (RxNorm 1049621)", lines[alerts - 3]);
        // An unknown system is shown by its URI; a missing display is said.
        Assert.Equal("2 pathologies non prises en compte : Fever (SNOMED CT 386661006), sans libellé (urn:example:local L-1)", lines[alerts - 2]);
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(11, true)]
    public void TextWriter_ManyUnchecked_ListsTenAndCountsTheRest(int count, bool capped)
    {
        var text = AdviceTextWriter.Write(Evaluate(With([.. Enumerable.Range(1, count).Select(i => Medication(i))])));

        var line = text.Split('\n').Single(l => l.Contains("medications not checked", StringComparison.Ordinal));
        Assert.StartsWith($"{count} medications not checked: ", line, StringComparison.Ordinal);
        Assert.Equal(Math.Min(count, 10), line.Split("(RxNorm ").Length - 1);
        Assert.Equal(capped, line.EndsWith(", and 1 more", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://snomed.info/sct", "SNOMED CT")]
    [InlineData("http://hl7.org/fhir/sid/icd-10-cm", "ICD-10-CM")]
    [InlineData("urn:oid:1.2.250.1.213.2.3.2", "CIP13")]
    [InlineData("http://hl7.org/fhir/sid/ndc", "NDC")]
    [InlineData("https://dmd.nhs.uk", "dm+d")]
    [InlineData(RxNorm, "RxNorm")]
    [InlineData("http://example.org/local-drugs", "http://example.org/local-drugs")]
    public void SystemName_WellKnownUris_HaveShortNames(string system, string expected) =>
        Assert.Equal(expected, UncheckedSummary.SystemName(system));

    [Fact]
    public void TextWriter_NothingUnchecked_NoLine()
    {
        var text = AdviceTextWriter.Write(Evaluate(TestData.FullPatient));

        Assert.DoesNotContain("not checked", text, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonWriter_Unchecked_WritesTheArray()
    {
        using var json = JsonDocument.Parse(AdviceJsonWriter.Write(Evaluate(With(Oxycodone, new UncheckedCode(UncheckedCodeKind.Condition, "urn:x", "c")))));

        var items = json.RootElement.GetProperty("unchecked").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal("""{"kind":"medication","system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"1049621","display":"oxycodone hydrochloride 5 MG Oral Tablet","path":"Bundle.entry[12].resource.medicationCodeableConcept"}""",
            JsonSerializer.Serialize(items[0]));
        Assert.Equal("""{"kind":"condition","system":"urn:x","code":"c"}""", JsonSerializer.Serialize(items[1]));
    }

    [Fact]
    public void JsonWriter_NothingUnchecked_NoArray()
    {
        using var json = JsonDocument.Parse(AdviceJsonWriter.Write(Evaluate(TestData.FullPatient)));

        Assert.False(json.RootElement.TryGetProperty("unchecked", out _));
    }

    [Fact]
    public void CdsHooks_UncheckedMedication_AddsAWarningCard_InteractionCheckIncomplete()
    {
        var advice = Evaluate(With(Oxycodone, Fever));

        var cards = Cards(CdsHooksWriter.Write(advice));

        var card = Assert.Single(cards, c => Topic(c) == CdsHooksWriter.UncheckedTopic);
        Assert.Equal(advice.Alerts.Count, cards.IndexOf(card));
        Assert.Equal("warning", card.GetProperty("indicator").GetString());
        Assert.Equal("Interaction check incomplete: 1 medication(s) not checked", card.GetProperty("summary").GetString());
        Assert.Equal(CdsHooksWriter.UncheckedCardUuid(advice), card.GetProperty("uuid").GetString());
        var detail = card.GetProperty("detail").GetString()!;
        Assert.Contains("oxycodone hydrochloride 5 MG Oral Tablet (RxNorm 1049621)", detail, StringComparison.Ordinal);
        Assert.Contains("Fever (SNOMED CT 386661006)", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void CdsHooks_OnlyConditionsUnchecked_SaysConditions_French()
    {
        var card = Cards(CdsHooksWriter.Write(Evaluate(With(Fever), "fr"))).Single(c => Topic(c) == CdsHooksWriter.UncheckedTopic);

        Assert.Equal("Contrôle incomplet : 1 pathologie(s) non prise(s) en compte", card.GetProperty("summary").GetString());
        Assert.Equal("warning", card.GetProperty("indicator").GetString());
    }

    [Fact]
    public void CdsHooks_NothingUnchecked_NoCard()
    {
        var advice = Evaluate(TestData.FullPatient);

        Assert.DoesNotContain(Cards(CdsHooksWriter.Write(advice)), c => Topic(c) == CdsHooksWriter.UncheckedTopic);
        Assert.Null(CdsHooksWriter.UncheckedCardUuid(advice));
    }

    [Fact]
    public void CdsHooks_DisplayWithMarkdown_IsEscapedInTheCard()
    {
        var card = Cards(CdsHooksWriter.Write(Evaluate(With(Medication(1, "[click](https://evil.example) **x**")))))
            .Single(c => Topic(c) == CdsHooksWriter.UncheckedTopic);

        var detail = card.GetProperty("detail").GetString()!;
        Assert.DoesNotContain("[click](", detail, StringComparison.Ordinal);
        Assert.Contains("\\[click\\]", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(11, true)]
    public void CdsHooks_ManyWarnings_ListsTenAndCountsTheRest(int count, bool capped)
    {
        var patient = TestData.FullPatient with
        {
            InputWarnings = [.. Enumerable.Range(0, count).Select(i => new AdviceWarning("CSQ3003", $"Bundle.entry[{i}].resource.code", "Code system is not read."))],
        };

        var card = Cards(CdsHooksWriter.Write(Evaluate(patient))).Single(c => Topic(c) == CdsHooksWriter.InputWarningsTopic);

        var detail = card.GetProperty("detail").GetString()!;
        Assert.Equal(Math.Min(count, CdsHooksWriter.MaxListedItems), detail.Split("\n- ").Length - 1);
        Assert.Equal(capped, detail.Contains("and 1 more", StringComparison.Ordinal));
        Assert.StartsWith($"Decision support may be incomplete: {count} item(s)", card.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CdsHooks_FiveThousandWarningsAndUncheckedCodes_EveryCardUnder8KB()
    {
        // Long, Markdown-heavy, multi-byte values: the worst a host can send, 5,000 times each.
        var noisy = string.Concat(Enumerable.Repeat("*_é😀[", 200));
        var patient = TestData.FullPatient with
        {
            InputWarnings = [.. Enumerable.Range(0, 5000).Select(i => new AdviceWarning("CSQ3003" + noisy, $"Bundle.entry[{i}].resource.code{noisy}", noisy))],
            Unchecked = [.. Enumerable.Range(0, 5000).Select(i => new UncheckedCode(i % 2 == 0 ? UncheckedCodeKind.Medication : UncheckedCodeKind.Condition,
                "urn:x:" + noisy, i + noisy) { Display = noisy })],
        };

        foreach (var language in new[] { "en", "fr" })
        {
            var cards = Cards(CdsHooksWriter.Write(Evaluate(patient, language)));

            foreach (var topic in new[] { CdsHooksWriter.InputWarningsTopic, CdsHooksWriter.UncheckedTopic })
            {
                var card = cards.Single(c => Topic(c) == topic);
                var bytes = Encoding.UTF8.GetByteCount(card.GetRawText());
                Assert.True(bytes < 8 * 1024, $"{topic} ({language}): {bytes} bytes");
                Assert.True(bytes > 1024, $"{topic} ({language}) still lists items: {bytes} bytes");
            }
        }
    }
}
