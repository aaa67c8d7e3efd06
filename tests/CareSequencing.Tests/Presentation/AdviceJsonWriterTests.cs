using System.Text.Json;
using CareSequencing.Presentation;

namespace CareSequencing.Tests.Presentation;

public sealed class AdviceJsonWriterTests
{
    [Fact]
    public void Write_FollowsTheContract()
    {
        var json = AdviceJsonWriter.Write(TestData.Evaluator().Evaluate(TestData.FullPatient));
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal("p-test", root.GetProperty("patientId").GetString());
        Assert.Equal("2026-11-23T09:00:00.000Z", root.GetProperty("evaluatedAt").GetString());
        var pack = root.GetProperty("packs")[0];
        Assert.Equal(("test-basic", "1.2.3", 64), (pack.GetProperty("id").GetString(), pack.GetProperty("version").GetString(), pack.GetProperty("sha256").GetString()!.Length));

        Assert.Equal("2026-11-01", pack.GetProperty("releaseDate").GetString());

        var proposal = root.GetProperty("proposals")[0];
        Assert.Equal(1, proposal.GetProperty("rank").GetInt32());
        Assert.Equal(JsonValueKind.Number, proposal.GetProperty("score").ValueKind);
        foreach (var name in new[] { "ruleId", "family", "action", "title", "status" })
            Assert.Equal(JsonValueKind.String, proposal.GetProperty(name).ValueKind);
        var explanation = proposal.GetProperty("explanation");
        Assert.Equal(JsonValueKind.String, explanation.GetProperty("text").ValueKind);
        Assert.Equal(JsonValueKind.Array, explanation.GetProperty("matchedFacts").ValueKind);
        Assert.Equal(JsonValueKind.Array, explanation.GetProperty("sources").ValueKind);
        Assert.Equal("test-basic@1.2.3", explanation.GetProperty("pack").GetString());
        Assert.Equal("2026-11-01", explanation.GetProperty("packReleaseDate").GetString());

        var alerts = root.GetProperty("alerts").EnumerateArray().ToList();
        var interaction = alerts.Single(a => a.GetProperty("family").GetString() == "interaction");
        Assert.Equal("major", interaction.GetProperty("severity").GetString());
        Assert.Equal(["N06AB06", "N02AX02"], interaction.GetProperty("codes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(JsonValueKind.String, interaction.GetProperty("management").ValueKind);
        Assert.Contains(alerts, a => a.GetProperty("family").GetString() == "double-diagnosis");
        Assert.Equal(JsonValueKind.Array, root.GetProperty("warnings").ValueKind);
    }

    [Fact]
    public void Write_KeepsAccentsReadable()
    {
        var json = AdviceJsonWriter.Write(TestData.Evaluator().Evaluate(TestData.FullPatient, new EvaluationSettings { Language = "fr" }));

        Assert.Contains("Épisode dépressif", json, StringComparison.Ordinal);
    }

    [Fact]
    public void TextWriter_ShowsAlertsProposalsSourcesAndWarnings()
    {
        var patient = TestData.FullPatient with { Medications = [.. TestData.FullPatient.Medications, new("XYZ")] };

        var text = AdviceTextWriter.Write(TestData.Evaluator().Evaluate(patient));

        Assert.Contains("not orders", text, StringComparison.Ordinal);
        Assert.Contains("[MAJOR] SSRI + tramadol", text, StringComparison.Ordinal);
        Assert.Contains("1. ", text, StringComparison.Ordinal);
        Assert.Contains("Sources: Test citation. (2024) https://example.org/test", text, StringComparison.Ordinal);
        Assert.Contains("CSQ3001 medications[2].code", text, StringComparison.Ordinal);
    }
}
