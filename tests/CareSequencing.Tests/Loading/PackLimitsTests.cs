using System.Text.RegularExpressions;
using CareSequencing.Loading;

namespace CareSequencing.Tests.Loading;

/// <summary>
/// Both sides of every limit in <see cref="PackLoadLimits"/>, with packs built here: each test sets the one limit
/// it tests to a small value, so that the packs stay small and the tests fast, and checks that exactly at the limit
/// loads and one over is refused with CSQ1017 at file:line:col, naming the limit and the flag that raises it.
/// The limits table in <c>docs/reliability.md</c> is checked against <see cref="PackLoadLimits.Default"/>.
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

    private static RuleSetLoadResult Load(string pack, PackLoadLimits? limits) => RulePackLoader.Load([RulePackSource.Folder(pack)], pinnedVersions: null, limits);

    private static void AssertLoads(string pack, int rules, PackLoadLimits? limits = null)
    {
        var result = Load(pack, limits);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics.Take(5)));
        Assert.Single(result.GetPartialRuleSet().Packs);
        Assert.Equal(rules, result.GetPartialRuleSet().RuleCount);
    }

    private static void AssertNoLimitDiagnostic(string pack, PackLoadLimits? limits)
    {
        var result = Load(pack, limits);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == DiagnosticCodes.LimitExceeded);
    }

    /// <summary>Refused at the place given, and the message says which limit and how to raise it.</summary>
    private static void AssertRefusedBy(string limit, string pack, string file, int line, int column, PackLoadLimits? limits)
    {
        var result = HostileYamlTests.AssertRefused(pack, file, "CSQ1017", line, column, limits);
        var diagnostic = result.Diagnostics.First(d => d.Code == "CSQ1017");
        Assert.Contains($"PackLoadLimits.{limit}", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(PackLoadLimits.FlagName(limit), diagnostic.Message, StringComparison.Ordinal);
    }

    private static string Padded(int bytes) => Rule + "#" + new string('x', bytes - Rule.Length - 2) + "\n";

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Load_FileAtAndOverTheByteLimit(int over, bool loads)
    {
        var limits = new PackLoadLimits { MaxFileBytes = 2_000 };
        var pack = Pack(("rules.yaml", Padded(limits.MaxFileBytes + over)));
        if (loads) AssertLoads(pack, 1, limits);
        else AssertRefusedBy(nameof(PackLoadLimits.MaxFileBytes), pack, "rules.yaml", 1, 1, limits);
    }

    [Fact]
    public void Load_FileOverTheDefaultByteLimit_IsRefusedBeforeParsing() =>
        AssertRefusedBy(nameof(PackLoadLimits.MaxFileBytes), Pack(("rules.yaml", Padded(PackLoadLimits.Default.MaxFileBytes + 1))), "rules.yaml", 1, 1, null);

    [Fact]
    public void Load_TenMegabyteLine_IsRefusedByTheFileLimitFirst() =>
        HostileYamlTests.AssertRefused(Pack(("rules.yaml", "rules: " + new string('x', 10 * 1024 * 1024))), "rules.yaml", "CSQ1017", 1, 1);

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Load_ScalarAtAndOverTheLengthLimit(int over, bool loads)
    {
        var limits = new PackLoadLimits { MaxScalarLength = 64 };
        var pack = Pack(("rules.yaml", Rule.Replace("title: { en: R,", "title: { en: " + new string('x', limits.MaxScalarLength + over) + ",", StringComparison.Ordinal)));
        if (loads) AssertLoads(pack, 1, limits);
        else AssertRefusedBy(nameof(PackLoadLimits.MaxScalarLength), pack, "rules.yaml", 5, 18, limits);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Load_KeyAtAndOverTheLengthLimit(int over, bool within)
    {
        var limits = new PackLoadLimits { MaxKeyLength = 16 };
        var pack = Pack(("rules.yaml", Rule + new string('k', limits.MaxKeyLength + over) + ": x\n"));
        if (within) AssertNoLimitDiagnostic(pack, limits);
        else AssertRefusedBy(nameof(PackLoadLimits.MaxKeyLength), pack, "rules.yaml", 9, 1, limits);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Load_MappingAtAndOverTheEntryLimit(int over, bool within)
    {
        var limits = new PackLoadLimits { MaxMappingEntries = 12 };
        var keys = string.Concat(Enumerable.Range(0, limits.MaxMappingEntries + over).Select(i => $"k{i}: v\n"));
        var pack = Pack(("rules.yaml", keys));
        if (within) AssertNoLimitDiagnostic(pack, limits);
        else AssertRefusedBy(nameof(PackLoadLimits.MaxMappingEntries), pack, "rules.yaml", limits.MaxMappingEntries + 1, 1, limits);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(10_000, false)]
    public void Load_FlowNestingAtAndOverTheDepthLimit(int over, bool within)
    {
        // The value of "rules" is at depth 1; the innermost list is at MaxDepth (+ over).
        var limits = new PackLoadLimits { MaxDepth = 8 };
        var depth = limits.MaxDepth + over;
        var pack = Pack(("rules.yaml", "rules: " + new string('[', depth) + new string(']', depth) + "\n"));
        if (within) AssertNoLimitDiagnostic(pack, limits);
        else AssertRefusedBy(nameof(PackLoadLimits.MaxDepth), pack, "rules.yaml", 1, 8 + limits.MaxDepth, limits);
    }

    [Fact]
    public void Load_NestingOverTheDefaultDepthLimit_IsRefused() =>
        HostileYamlTests.AssertRefused(Pack(("rules.yaml", "rules: " + new string('[', 10_000) + new string(']', 10_000) + "\n")),
            "rules.yaml", "CSQ1017", 1, 8 + PackLoadLimits.Default.MaxDepth);

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Load_AliasExpansionAtAndOverTheNodeLimit(int under, bool within)
    {
        // Nodes: the root mapping, "wide", its list and 100 items (103), "many" and its list (105), then 101 per alias.
        // Eight aliases make 913 nodes; with the limit one lower, the eighth alias (line 2, column 36) crosses it.
        const int Copies = 8;
        var limits = new PackLoadLimits { MaxNodes = 105 + (101 * Copies) - under };
        var text = "wide: &w [" + string.Join(", ", Enumerable.Repeat("x", 100)) + "]\nmany: [" + string.Join(", ", Enumerable.Repeat("*w", Copies)) + "]\n";
        var pack = Pack(("rules.yaml", text));
        if (within) AssertNoLimitDiagnostic(pack, limits);
        else AssertRefusedBy(nameof(PackLoadLimits.MaxNodes), pack, "rules.yaml", 2, 8 + (4 * (Copies - 1)), limits);
    }

    [Theory]
    [InlineData(190, true)]
    [InlineData(210, false)]
    public void Load_AliasExpansionUnderAndOverTheDefaultNodeLimit(int copies, bool within)
    {
        // 1,001 nodes per copy: about 190,000 and 210,000 nodes around the default 200,000, from a 7 KB file.
        var text = "wide: &w [" + string.Join(", ", Enumerable.Repeat("x", 1000)) + "]\nmany: [" + string.Join(", ", Enumerable.Repeat("*w", copies)) + "]\n";
        var pack = Pack(("rules.yaml", text));
        if (within) AssertNoLimitDiagnostic(pack, null);
        else Assert.Contains(RulePackLoader.Load(pack).Diagnostics, d => d.Code == "CSQ1017" && d.Location.Line == 2);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Load_FilesAtAndOverTheCountLimit(int over, bool loads)
    {
        // pack.yaml counts: MaxFilesPerPack - 1 rule files make a pack exactly at the limit.
        var limits = new PackLoadLimits { MaxFilesPerPack = 5 };
        var count = limits.MaxFilesPerPack - 1 + over;
        var pack = Pack([.. Enumerable.Range(0, count).Select(i => ($"rules/r{i:000}.yaml", "interactions:\n" + Interaction(i)))]);
        if (loads) AssertLoads(pack, count, limits);
        else AssertRefusedBy(nameof(PackLoadLimits.MaxFilesPerPack), pack, ".", 1, 1, limits);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Load_RulesAtAndOverTheCountLimit(int over, bool loads)
    {
        // Interaction rows spread over files; the extra one ends the last file, and is where the pack overflows.
        const int Files = 4;
        var limits = new PackLoadLimits { MaxRulesPerPack = 20 };
        var perFile = limits.MaxRulesPerPack / Files;
        var files = Enumerable.Range(0, Files).Select(f => ($"r{f}.yaml",
            "interactions:\n" + string.Concat(Enumerable.Range(0, perFile + (f == Files - 1 ? over : 0)).Select(i => Interaction(f * perFile + i))))).ToArray();
        var pack = Pack(files);
        if (loads) AssertLoads(pack, limits.MaxRulesPerPack, limits);
        else AssertRefusedBy(nameof(PackLoadLimits.MaxRulesPerPack), pack, $"r{Files - 1}.yaml", perFile + 2, 5, limits);
    }

    [Fact]
    public void Load_TenThousandEntries_LoadUnderTheDefaults_AndAreRefusedUnderTheOldLimitOf5000()
    {
        // The benchmark scale of issue 14: 10,000 rows in 20 files of about 135 KB.
        const int Files = 20, PerFile = 500;
        var pack = Pack([.. Enumerable.Range(0, Files).Select(f => ($"r{f:00}.yaml",
            "interactions:\n" + string.Concat(Enumerable.Range(0, PerFile).Select(i => Interaction(f * PerFile + i)))))]);

        AssertLoads(pack, Files * PerFile);
        AssertRefusedBy(nameof(PackLoadLimits.MaxRulesPerPack), pack, "r10.yaml", 2, 5, new PackLoadLimits { MaxRulesPerPack = 5_000 });
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
        Assert.Single(result.GetPartialRuleSet().Packs);
    }

    [NotRootFact]
    public void Load_FileWithoutReadPermission_IsRefused()
    {
        var pack = Pack(("rules.yaml", Rule));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(pack, "rules.yaml"), UnixFileMode.None);

        HostileYamlTests.AssertRefused(pack, "rules.yaml", "CSQ1019", 1, 1);
    }

    [Fact]
    public void ReliabilityDoc_LimitsTable_MatchesTheDefaultsAndNamesEveryFlag()
    {
        var doc = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "docs", "reliability.md"));
        var rows = Regex.Matches(doc, @"^\| `(?<name>Max\w+)` \| `(?<flag>--[a-z-]+)` \| (?<value>[\d,]+) \|", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups["name"].Value, m => (Flag: m.Groups["flag"].Value,
                Value: int.Parse(m.Groups["value"].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)));
        var defaults = PackLoadLimits.Default.All().ToDictionary(l => l.Name, l => (Flag: PackLoadLimits.FlagName(l.Name), l.Value));

        Assert.Equal(defaults.OrderBy(c => c.Key, StringComparer.Ordinal), rows.OrderBy(r => r.Key, StringComparer.Ordinal));
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
