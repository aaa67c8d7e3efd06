using CareSequencing.Loading;

namespace CareSequencing.Tests.Loading;

/// <summary>
/// Hostile and broken pack files (<c>docs/reliability.md</c>, "Hostile YAML"). Each folder under
/// <c>Fixtures/hostile</c> is a small pack with one bad file; <c>expected.tsv</c> says which diagnostic it
/// must produce and where. Every one is refused whole, with its code at file:line:col, and nothing throws.
/// The fixtures too large to commit (limits) are built by <see cref="PackLimitsTests"/>.
/// </summary>
public sealed class HostileYamlTests
{
    internal static string Folder => Path.Combine(TestData.Fixtures, "hostile");

    public static TheoryData<string, string, string, int, int> Expected()
    {
        var data = new TheoryData<string, string, string, int, int>();
        foreach (var row in ReadTable()) data.Add(row.Fixture, row.File, row.Code, row.Line, row.Column);
        return data;
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Load_HostileFixture_IsRefusedAtTheOffendingPlace_AndLoadsNothing(string fixture, string file, string code, int line, int column) =>
        AssertRefused(Path.Combine(Folder, fixture), file, code, line, column);

    [Fact]
    public void ExpectedTable_ListsEveryFixtureFolder_AndNothingElse()
    {
        var folders = Directory.GetDirectories(Folder).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToList();
        var listed = ReadTable().Select(r => r.Fixture).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(folders, listed);
        Assert.True(listed.Count >= 45, $"{listed.Count} hostile fixtures");
    }

    /// <summary>
    /// Loads <paramref name="pack"/> and checks it is refused with <paramref name="code"/> at the place given;
    /// <paramref name="file"/> is a path inside the pack, or "." for the pack folder itself.
    /// </summary>
    internal static RuleSetLoadResult AssertRefused(string pack, string file, string code, int line, int column, PackLoadLimits? limits = null)
    {
        var result = RulePackLoader.Load([RulePackSource.Folder(pack)], pinnedVersions: null, limits);

        var all = string.Join("\n", result.Diagnostics);
        Assert.True(result.HasErrors, all);
        Assert.Empty(result.GetPartialRuleSet().Packs);
        Assert.Equal(0, result.GetPartialRuleSet().RuleCount);
        var suffix = file == "." ? Path.GetFileName(pack.TrimEnd('/', '\\')) : Path.GetFileName(pack.TrimEnd('/', '\\')) + "/" + file;
        Assert.True(result.Diagnostics.Any(d => d.Code == code && d.Severity == DiagnosticSeverity.Error
                && d.Location.File.EndsWith(suffix, StringComparison.Ordinal)
                && d.Location.Line == line && d.Location.Column == column),
            $"expected {suffix}({line},{column}): error {code}; got:\n{all}");
        return result;
    }

    private static IEnumerable<(string Fixture, string File, string Code, int Line, int Column)> ReadTable() =>
        File.ReadLines(Path.Combine(Folder, "expected.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(c => (c[0], c[1], c[2], int.Parse(c[3], System.Globalization.CultureInfo.InvariantCulture), int.Parse(c[4], System.Globalization.CultureInfo.InvariantCulture)));
}
