using CareSequencing.Authoring.Import.Ansm;
using Xunit;

namespace CareSequencing.Tests.Import;

public sealed class AnsmLevelsTests
{
    [Theory]
    [InlineData("CONTRE-INDICATION Risque majoré", "CI", AlertSeverity.Contraindicated, "Risque majoré")]
    [InlineData("Association DECONSEILLEE Majoration", "AD", AlertSeverity.Major, "Majoration")]
    [InlineData("Precaution d'emploi Surveillance clinique.", "PE", AlertSeverity.Moderate, "Surveillance clinique.")]
    [InlineData("A prendre en compte", "PC", AlertSeverity.Minor, "")]
    public void Parse_OneLevelInWords(string text, string level, AlertSeverity severity, string rest)
    {
        var (levels, remainder) = AnsmLevels.Parse(text);
        Assert.Equal([level], levels.Select(AnsmLevels.Abbreviation));
        Assert.Equal(severity, AnsmLevels.Severity(levels[0]));
        Assert.Equal(rest, remainder);
    }

    [Theory]
    [InlineData("CI - ASDEC - APEC Contre-indication avec : ...", "CI AD PC", "Contre-indication avec : ...")]
    [InlineData("ASDEC - PE Association deconseillee", "AD PE", "Association deconseillee")]
    [InlineData("PE - CI x", "CI PE", "x")]
    public void Parse_ConditionalLevels_MostSevereFirst(string text, string expected, string rest)
    {
        var (levels, remainder) = AnsmLevels.Parse(text);
        Assert.Equal(expected, string.Join(' ', levels.Select(AnsmLevels.Abbreviation)));
        Assert.Equal(rest, remainder);
    }

    [Theory]
    [InlineData("CI seul")]            // one abbreviation is not how the thésaurus writes a level
    [InlineData("CIBLE - PE x")]       // an abbreviation must be a whole word
    [InlineData("contre-indication")]  // the words are matched as the thésaurus writes them
    [InlineData("")]
    public void Parse_NoLevel(string text)
    {
        var (levels, remainder) = AnsmLevels.Parse(text);
        Assert.Empty(levels);
        Assert.Equal(text, remainder);
    }

    [Fact]
    public void FrenchNames_AreTheAnsmWording()
    {
        Assert.Equal(["Contre-indication", "Association déconseillée", "Précaution d'emploi", "À prendre en compte"],
            Enum.GetValues<AnsmLevel>().Select(AnsmLevels.French));
    }
}
