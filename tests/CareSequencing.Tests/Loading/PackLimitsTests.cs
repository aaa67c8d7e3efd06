using System.Reflection;
using System.Text.RegularExpressions;
using CareSequencing.Loading;

namespace CareSequencing.Tests.Loading;

/// <summary>
/// Both sides of every limit in <see cref="PackLimits"/>, with packs built here because the files are too
/// big to commit; and the limits table in <c>docs/reliability.md</c> checked against the constants.
/// </summary>
public sealed class PackLimitsTests
{
    private const string Rule = """
        rules:
          - id: r1
            family: sequencing
            status: active
            title: { en: R, fr: R }
            when: facts.HasFlag("a")
            proposal: { action: do-it, priority: 50, text: { en: T, fr: T } }
            sources: [s]

        """;

    private static string Interaction(int n) =>
        $"  - {{ id: i{n}, status: active, a: {{ codes: [N06AB03], label: {{ en: A, fr: A }} }}, b: {{ codes: [N06AB04], label: {{ en: B, fr: B }} }}, severity: major, mechanism: {{ en: M, fr: M }}, management: {{ en: M, fr: M }}, sources: [s] }}\n";

    private static string Pack(params (string Path, string Text)[] files) => TestData.TempPack([("pack.yaml", TestData.Manifest), .. files]);

    private static void AssertLoads(string pack, int rules)
    {
        var result = RulePackLoader.Load(pack);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics.Take(5)));
        Assert.Single(result.RuleSet.Packs);
        Assert.Equal(rules, result.RuleSet.RuleCount);
    }

    private static void AssertNoLimitDiagnostic(string pack)
    {
        var result = RulePackLoader.Load(pack);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCodes.LimitExceeded);
    }

    private static string Padded(int bytes) => Rule + "#" + new string('x', bytes - Rule.Length - 2) + "\n";

    [Fact]
    public void Load_FileOneByteOverTheLimit_IsRefusedBeforeParsing() =>
        HostileYamlTests.AssertRefused(Pack(("rules.yaml", Padded(PackLimits.MaxFileBytes + 1))), "rules.yaml", "CSQ1017", 1, 1);

    [Fact]
    public void Load_FileExactlyAtTheLimit_Loads() => AssertLoads(Pack(("rules.yaml", Padded(PackLimits.MaxFileBytes))), 1);

    [Fact]
    public void Load_TenMegabyteLine_IsRefusedByTheFileLimitFirst() =>
        HostileYamlTests.AssertRefused(Pack(("rules.yaml", "rules: " + new string('x', 10 * 1024 * 1024))), "rules.yaml", "CSQ1017", 1, 1);

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Load_ScalarAtAndOverTheLengthLimit(int over, bool loads)
    {
        var pack = Pack(("rules.yaml", Rule.Replace("title: { en: R,", "title: { en: " + new string('x', PackLimits.MaxScalarLength + over) + ",", StringComparison.Ordinal)));
        if (loads) AssertLoads(pack, 1);
        else HostileYamlTests.AssertRefused(pack, "rules.yaml", "CSQ1017", 5, 18);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Load_KeyAtAndOverTheLengthLimit(int over, bool within)
    {
        var pack = Pack(("rules.yaml", Rule + new string('k', PackLimits.MaxKeyLength + over) + ": x\n"));
        if (within) AssertNoLimitDiagnostic(pack);
        else HostileYamlTests.AssertRefused(pack, "rules.yaml", "CSQ1017", 9, 1);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Load_MappingAtAndOverTheEntryLimit(int over, bool within)
    {
        var keys = string.Concat(Enumerable.Range(0, PackLimits.MaxMappingEntries + over).Select(i => $"k{i}: v\n"));
        var pack = Pack(("rules.yaml", keys));
        if (within) AssertNoLimitDiagnostic(pack);
        else HostileYamlTests.AssertRefused(pack, "rules.yaml", "CSQ1017", PackLimits.MaxMappingEntries + 1, 1);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(10_000 - PackLimits.MaxDepth, false)]
    public void Load_FlowNestingAtAndOverTheDepthLimit(int over, bool within)
    {
        // The value of "rules" is at depth 1; the innermost list is at MaxDepth (+ over).
        var depth = PackLimits.MaxDepth + over;
        var pack = Pack(("rules.yaml", "rules: " + new string('[', depth) + new string(']', depth) + "\n"));
        if (within) AssertNoLimitDiagnostic(pack);
        else HostileYamlTests.AssertRefused(pack, "rules.yaml", "CSQ1017", 1, 8 + PackLimits.MaxDepth);
    }

    [Theory]
    [InlineData(190, true)]
    [InlineData(210, false)]
    public void Load_AliasExpansionUnderAndOverTheNodeLimit(int copies, bool within)
    {
        // 1,001 nodes per copy: about 190,000 and 210,000 nodes around the 200,000 limit, from a 7 KB file.
        var text = "wide: &w [" + string.Join(", ", Enumerable.Repeat("x", 1000)) + "]\nmany: [" + string.Join(", ", Enumerable.Repeat("*w", copies)) + "]\n";
        var pack = Pack(("rules.yaml", text));
        if (within) AssertNoLimitDiagnostic(pack);
        else Assert.Contains(RulePackLoader.Load(pack).Diagnostics, d => d.Code == "CSQ1017" && d.Location.Line == 2);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Load_FilesAtAndOverTheCountLimit(int over, bool loads)
    {
        // pack.yaml counts: MaxFilesPerPack - 1 rule files make a pack exactly at the limit.
        var count = PackLimits.MaxFilesPerPack - 1 + over;
        var pack = Pack([.. Enumerable.Range(0, count).Select(i => ($"rules/r{i:000}.yaml", "interactions:\n" + Interaction(i)))]);
        if (loads) AssertLoads(pack, count);
        else HostileYamlTests.AssertRefused(pack, ".", "CSQ1017", 1, 1);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Load_RulesAtAndOverTheCountLimit(int over, bool loads)
    {
        // Interaction rows, spread over ten files to stay under the file size limit; the extra one ends the last file.
        const int Files = 10;
        var perFile = PackLimits.MaxRulesPerPack / Files;
        var files = Enumerable.Range(0, Files).Select(f => ($"r{f}.yaml",
            "interactions:\n" + string.Concat(Enumerable.Range(0, perFile + (f == Files - 1 ? over : 0)).Select(i => Interaction(f * perFile + i))))).ToArray();
        var pack = Pack(files);
        if (loads) AssertLoads(pack, PackLimits.MaxRulesPerPack);
        else HostileYamlTests.AssertRefused(pack, $"r{Files - 1}.yaml", "CSQ1017", perFile + 2, 5);
    }

    [SymlinkFact]
    public void Load_SymbolicLinkToAFileOutsideThePack_IsRefused()
    {
        var outside = TestData.TempPack(("secret.yaml", Rule));
        var pack = Pack();
        File.CreateSymbolicLink(Path.Combine(pack, "rules.yaml"), Path.Combine(outside, "secret.yaml"));

        HostileYamlTests.AssertRefused(pack, "rules.yaml", "CSQ1019", 1, 1);
    }

    [SymlinkFact]
    public void Load_SymbolicLinkToAFolder_IsRefusedAndNotFollowed()
    {
        var outside = TestData.TempPack(("secret.yaml", Rule));
        var pack = Pack(("rules.yaml", Rule));
        Directory.CreateSymbolicLink(Path.Combine(pack, "more"), outside);

        var result = HostileYamlTests.AssertRefused(pack, "more", "CSQ1019", 1, 1);
        Assert.DoesNotContain(result.Diagnostics, d => d.Location.File.Contains("secret", StringComparison.Ordinal));
    }

    [SymlinkFact]
    public void Load_FolderOfPacksWithALinkToItsParent_ReportsTheLink_AndStillLoadsThePack()
    {
        var folder = TestData.TempPack(("good/pack.yaml", TestData.Manifest), ("good/rules.yaml", Rule));
        Directory.CreateSymbolicLink(Path.Combine(folder, "loop"), folder);

        var result = RulePackLoader.Load(folder);

        Assert.Contains(result.Diagnostics, d => d.Code == "CSQ1019" && d.Location.File.EndsWith("/loop", StringComparison.Ordinal) && d.Location.Line == 1);
        Assert.Single(result.RuleSet.Packs);
    }

    [NotRootFact]
    public void Load_FileWithoutReadPermission_IsRefused()
    {
        var pack = Pack(("rules.yaml", Rule));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(pack, "rules.yaml"), UnixFileMode.None);

        HostileYamlTests.AssertRefused(pack, "rules.yaml", "CSQ1019", 1, 1);
    }

    [Fact]
    public void ReliabilityDoc_LimitsTable_MatchesTheConstants()
    {
        var doc = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "docs", "reliability.md"));
        var rows = Regex.Matches(doc, @"^\| `(?<name>Max\w+)` \| (?<value>[\d,]+) \|", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups["name"].Value, m => int.Parse(m.Groups["value"].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
        var constants = typeof(PackLimits).GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);

        Assert.Equal(constants.OrderBy(c => c.Key, StringComparer.Ordinal), rows.OrderBy(r => r.Key, StringComparer.Ordinal));
    }
}

/// <summary>A fact skipped where symbolic links cannot be created (Windows without developer mode).</summary>
internal sealed class SymlinkFactAttribute : FactAttribute
{
    public SymlinkFactAttribute()
    {
        var probe = Path.Combine(Path.GetTempPath(), "csq-link-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.CreateSymbolicLink(probe, Path.GetTempPath());
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Skip = "symbolic links cannot be created here: " + ex.GetType().Name;
        }
    }
}

/// <summary>A fact skipped when running as root (or elevated), where file permissions do not stop reading.</summary>
internal sealed class NotRootFactAttribute : FactAttribute
{
    public NotRootFactAttribute()
    {
        if (Environment.IsPrivilegedProcess) Skip = "running as root: permissions do not stop root from reading the file";
        else if (OperatingSystem.IsWindows()) Skip = "Unix file modes only";
    }
}
