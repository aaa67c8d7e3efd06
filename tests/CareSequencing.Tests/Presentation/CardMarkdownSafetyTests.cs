using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareSequencing.Model;
using CareSequencing.Presentation;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CareSequencing.Tests.Presentation;

/// <summary>
/// Card markdown rendered by a real CommonMark renderer (Markdig, plain and with every extension, as an
/// EHR might configure it) for hostile texts in every field a card shows: no script, no raw HTML, no
/// image, no link but the validated source URL survives, and the text the clinician reads is the text
/// the rule wrote.
/// </summary>
public sealed partial class CardMarkdownSafetyTests
{
    private const string SafeUrl = "https://example.org/guideline";

    public static readonly string[] Payloads =
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        "<iframe src=//evil.example></iframe>",
        "<a href=\"javascript:alert(1)\">open</a>",
        "<style>*{display:none}</style>",
        "<!-- hidden --><?php x ?><![CDATA[x]]>",
        "[click](javascript:alert(1))",
        "[click](<javascript:alert(1)>)",
        "[click]( javascript:alert(1) \"title\")",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "![pixel](https://evil.example/pixel.png)",
        "![x](data:image/svg+xml;base64,PHN2Zz4=)",
        "<javascript:alert(1)>",
        "<https://evil.example/phish>",
        "<mailto:a@evil.example>",
        "see https://evil.example/phish or www.evil.example or user@evil.example",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#106;avascript:alert(1) &#x3C;script&#x3E;",
        "\\<script>alert(1)\\</script>",
        "\\[x](javascript:alert(1))",
        "# Heading\n    indented code\n> quote\n- item\n<div onclick=alert(1)>x</div>",
        "1. <b>ordered</b>",
        "- [x](data:text/html;base64,PHNjcmlwdD4=)",
        "`code` **bold** _em_ ~~strike~~ | a | b |\n|---|---|",
        "line\u2028<script>x</script>\u2029next\u202Ereversed\u200Bzero",
        "{.class onclick=alert(1)} $$x$$ :::note ::: ^^fig^^ \"\"cite\"\" [^1] *[HTML]: x",
        "javascript:alert(1)",
        "sertraline + tramadol: risk (high) 0.5 mg, 1-2 times; eGFR < 30 & > 10 = stop",
    ];

    private static readonly MarkdownPipeline CommonMark = new MarkdownPipelineBuilder().Build();
    private static readonly MarkdownPipeline Extended = new MarkdownPipelineBuilder().UseAdvancedExtensions().UseAutoLinks().Build();

    public static TheoryData<int> PayloadIndexes() => [.. Enumerable.Range(0, Payloads.Length)];

    [Theory]
    [MemberData(nameof(PayloadIndexes))]
    public void Write_HostileTextInEveryField_RendersWithoutActiveContent(int index)
    {
        var payload = Payloads[index];
        var advice = HostileAdvice(payload, url: "javascript:alert(1)");

        var cards = Cards(CdsHooksWriter.Write(advice));

        Assert.Equal(3, cards.Count);
        foreach (var card in cards)
        {
            var detail = card.GetProperty("detail").GetString()!;
            foreach (var pipeline in new[] { CommonMark, Extended })
            {
                AssertNoActiveContent(detail, pipeline, url => string.Equals(url, SafeUrl, StringComparison.Ordinal));
                // The only source URL is javascript:, so no link at all.
                Assert.DoesNotContain("<a ", Markdown.ToHtml(detail, pipeline), StringComparison.Ordinal);
            }
            foreach (var plain in PlainTextFields(card))
                Assert.DoesNotMatch(HiddenCharacters(), plain);
        }
    }

    [Theory]
    [MemberData(nameof(PayloadIndexes))]
    public void Write_HostileText_IsShownAsWritten_NotInterpreted(int index)
    {
        var payload = Payloads[index];
        var advice = HostileAdvice(payload, url: SafeUrl);

        var card = Cards(CdsHooksWriter.Write(advice))[0];
        var detail = card.GetProperty("detail").GetString()!;

        // The first paragraph is the explanation text: exactly the payload, on one line, once rendered.
        var html = Markdown.ToHtml(detail, Extended);
        var first = FirstParagraph().Match(html);
        Assert.True(first.Success, html);
        Assert.Equal(CardMarkdown.PlainText(payload), WebUtility.HtmlDecode(first.Groups["text"].Value));
        Assert.Equal(CdsHooksWriter.Summary(CardMarkdown.PlainText(payload)), card.GetProperty("summary").GetString());
    }

    [Fact]
    public void Payloads_WouldBeActive_WithoutEscaping()
    {
        // The corpus is hostile: rendered raw, most payloads do produce HTML, links or images.
        var active = Payloads.Count(p => HasActiveContent(Markdown.Parse(p, Extended), _ => false));

        Assert.True(active >= 20, $"{active} of {Payloads.Length} payloads are active when not escaped");
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData(" https://example.org/x")]
    [InlineData("https://example.org/x>\"<script>")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("//evil.example/x")]
    [InlineData("https://trusted.example@evil.example/")]
    [InlineData("file:///etc/passwd")]
    public void Write_SourceUrlTheLoaderWouldRefuse_IsNeitherTheCardUrlNorALink(string url)
    {
        var advice = HostileAdvice("text", url);

        foreach (var card in Cards(CdsHooksWriter.Write(advice)))
        {
            Assert.False(card.GetProperty("source").TryGetProperty("url", out _));
            Assert.False(card.TryGetProperty("links", out _));
            var detail = card.GetProperty("detail").GetString()!;
            Assert.DoesNotContain(url.Trim(), detail, StringComparison.Ordinal);
            Assert.DoesNotContain("<a ", Markdown.ToHtml(detail, Extended), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Write_ValidatedSourceUrl_IsTheCardUrl_AndTheOnlyLinkOfTheDetail()
    {
        var advice = HostileAdvice("[x](javascript:alert(1)) <https://evil.example>", SafeUrl);

        var card = Cards(CdsHooksWriter.Write(advice))[0];

        Assert.Equal(SafeUrl, card.GetProperty("source").GetProperty("url").GetString());
        var html = Markdown.ToHtml(card.GetProperty("detail").GetString()!, Extended);
        var hrefs = Href().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.Equal([SafeUrl], hrefs);
    }

    [Fact]
    public void Write_ShippedPacks_DetailHasNoActiveContent_AndOnlyValidatedLinks()
    {
        var rules = RulePackLoader.Load(TestData.ShippedRules).GetRuleSetOrThrow();
        var patient = CareSequencing.Loading.PatientContextReader.ReadFile(Path.Combine(TestData.RepositoryRoot, "samples", "patients", "double-diagnosis-alcohol.yaml"));
        var advice = TestData.Evaluator(rules).Evaluate(patient);

        var cards = Cards(CdsHooksWriter.Write(advice));

        Assert.NotEmpty(advice.Alerts);
        Assert.Contains(cards, c => c.GetProperty("source").TryGetProperty("url", out _));
        foreach (var card in cards) AssertNoActiveContent(card.GetProperty("detail").GetString()!, Extended, WebUrl.IsAllowed);
    }

    [Theory]
    [InlineData("1. first", true, "1\\. first")]
    [InlineData("12) twelfth", true, "12\\) twelfth")]
    [InlineData("a. letter", true, "a\\. letter")]
    [InlineData("iv) roman", true, "iv\\) roman")]
    [InlineData("- dash", true, "\\- dash")]
    [InlineData("F32.1 code", true, "F32.1 code")]
    [InlineData("ANSM. Citation", true, "ANSM. Citation")]
    [InlineData("1.5 mg", false, "1.5 mg")]
    [InlineData("- not a list here", false, "- not a list here")]
    [InlineData("see www.example.org", false, "see www\\.example.org")]
    public void Text_EscapesAListMarkerOnlyWhereALineStarts(string text, bool lineStart, string expected) =>
        Assert.Equal(expected, CardMarkdown.Text(text, lineStart));

    [Theory]
    [InlineData("dd.alcohol-audit", "`dd.alcohol-audit`")]
    [InlineData("HasCondition(\"F32\")", "`HasCondition(\"F32\")`")]
    [InlineData("x`<script>`", "x\\`\\<script\\>\\`")]
    [InlineData("a\nb", "`a b`")]
    public void Code_IsACodeSpan_UnlessTheValueHoldsABacktick(string value, string expected) =>
        Assert.Equal(expected, CardMarkdown.Code(value));

    private static void AssertNoActiveContent(string markdown, MarkdownPipeline pipeline, Func<string, bool> allowedLink)
    {
        var document = Markdown.Parse(markdown, pipeline);
        Assert.False(HasActiveContent(document, allowedLink), markdown);
        var html = Markdown.ToHtml(markdown, pipeline);
        foreach (Match tag in Tag().Matches(html))
        {
            var name = tag.Groups["name"].Value.ToLowerInvariant();
            Assert.True(name is "p" or "strong" or "ul" or "li" or "code" or "a", $"<{name}> in\n{html}");
            if (name == "a" && tag.Groups["close"].Length == 0)
                Assert.Matches("^<a href=\"https?://[^\"]+\">$", tag.Value);
        }
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(?i)(href|src)=\"\\s*(javascript|data|vbscript|file):", html);
    }

    // Active: raw HTML, an entity, an image, a link or autolink to a target not allowed.
    private static bool HasActiveContent(MarkdownDocument document, Func<string, bool> allowedLink) =>
        document.Descendants().Any(node => node switch
        {
            HtmlBlock or HtmlInline or HtmlEntityInline => true,
            LinkInline link => link.IsImage || !allowedLink(link.Url ?? ""),
            AutolinkInline auto => !allowedLink(auto.Url ?? ""),
            _ => false,
        });

    private static IEnumerable<string> PlainTextFields(JsonElement card)
    {
        yield return card.GetProperty("summary").GetString()!;
        var source = card.GetProperty("source");
        yield return source.GetProperty("label").GetString()!;
        yield return source.GetProperty("topic").GetProperty("display").GetString()!;
        if (card.TryGetProperty("suggestions", out var suggestions))
            foreach (var suggestion in suggestions.EnumerateArray()) yield return suggestion.GetProperty("label").GetString()!;
    }

    /// <summary>One alert, one proposal, one warning card; every text the writer shows carries the payload.</summary>
    internal static Advice HostileAdvice(string payload, string url)
    {
        var pack = new PackReference("hostile", "1.0.0", new string('0', 64), new DateOnly(2026, 11, 1));
        Explanation Explain(string ruleId) => new(ruleId, payload, pack, payload,
            [new MatchedFact(payload, payload, [payload, "ok"])],
            [new SourceAttribution(payload, url, payload, 2024)],
            [payload], new RuleAttributes(payload, payload, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1)), [payload]);
        var alert = new Alert("a.hostile", RuleFamily.Interaction, AlertSeverity.Major, ["N06AB"], payload, payload, Explain("a.hostile"),
            [new MergedAlert(payload, pack, AlertSeverity.Moderate, payload)]);
        var proposal = new Proposal(1, "p.hostile", RuleFamily.Sequencing, "do", null, ProposalStatus.Proposed, payload,
            new ScoreBreakdown(50, 0, 0, 0), Explain("p.hostile"));
        return new Advice(null, TestData.Now, new DateOnly(2026, 11, 1), "en", [pack], [proposal], [alert],
            [new AdviceWarning("CSQ3001", "medications[0]." + payload, payload)]);
    }

    private static List<JsonElement> Cards(string json) => [.. JsonDocument.Parse(json).RootElement.GetProperty("cards").EnumerateArray()];

    [GeneratedRegex(@"<(?<close>/?)(?<name>[A-Za-z][A-Za-z0-9]*)[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("href=\"(?<url>[^\"]*)\"")]
    private static partial Regex Href();

    [GeneratedRegex(@"^<p>(?<text>.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex FirstParagraph();

    [GeneratedRegex(@"[\p{Cc}\p{Cf}\u2028\u2029]|\s\s")]
    private static partial Regex HiddenCharacters();
}
