using System.Text;
using CareSequencing.Loading;
using CareSequencing.Tests.Cli;

namespace CareSequencing.Tests.Loading;

/// <summary>
/// Both sides of every <see cref="PatientInputLimits"/> limit, through <see cref="PatientContextReader"/> and the CLI's
/// <c>--max-patient-*</c> flags: over a limit is <c>CSQ3010</c> with a position and the limit's name, never patient text.
/// </summary>
public sealed class PatientInputLimitsTests
{
    private const string Marker = "Qx9Mrk";

    private static string Patient(int flags) => $"id: {Marker}\nage: 40\nflags: [" + string.Join(", ", Enumerable.Range(0, flags).Select(i => $"{Marker}{i}")) + "]\n";

    private static PatientContextFormatException AssertRefused(Action read, string limit)
    {
        var error = Assert.Throws<PatientContextFormatException>(read);
        Assert.Equal("CSQ3010", error.Code);
        Assert.Contains($"PatientInputLimits.{limit}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, error.Message, StringComparison.Ordinal);
        return error;
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Parse_BytesAtAndOverTheLimit(int over, bool reads)
    {
        var text = Patient(5) + "# é\n"; // one two-byte character: the limit counts bytes, not characters
        var limits = new PatientInputLimits { MaxBytes = Encoding.UTF8.GetByteCount(text) - over };
        if (reads) Assert.Equal(Marker, PatientContextReader.Parse(text, limits).Id);
        else Assert.Equal(1, AssertRefused(() => PatientContextReader.Parse(text, limits), nameof(PatientInputLimits.MaxBytes)).Line);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void ReadFile_BytesAtAndOverTheLimit_RefusedBeforeReading(int over, bool reads)
    {
        var file = Path.Combine(Path.GetTempPath(), "csq-tests", Guid.NewGuid().ToString("N") + ".yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, Patient(5));
        var limits = new PatientInputLimits { MaxBytes = (int)new FileInfo(file).Length - over };
        if (reads) Assert.Equal(Marker, PatientContextReader.ReadFile(file, limits).Id);
        else AssertRefused(() => PatientContextReader.ReadFile(file, limits), nameof(PatientInputLimits.MaxBytes));
    }

    [Fact]
    public void Parse_OverTheDefaultByteLimit_IsRefused() =>
        AssertRefused(() => PatientContextReader.Parse(Patient(1) + "# " + new string('x', PatientInputLimits.Default.MaxBytes) + "\n"), nameof(PatientInputLimits.MaxBytes));

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Parse_NodesAtAndOverTheLimit(int under, bool reads)
    {
        // Root mapping 1, three keys, two values, the list and its 20 items: 27 nodes.
        var limits = new PatientInputLimits { MaxNodes = 27 - under };
        if (reads) Assert.Equal(20, PatientContextReader.Parse(Patient(20), limits).Flags.Count);
        else AssertRefused(() => PatientContextReader.Parse(Patient(20), limits), nameof(PatientInputLimits.MaxNodes));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Parse_DepthAtAndOverTheLimit(int under, bool reads)
    {
        // The root mapping is at depth 0, the preferences list at 1, the inner list at 2 and its item at 3.
        var limits = new PatientInputLimits { MaxDepth = 3 - under };
        var text = Patient(1) + "preferences: [[x]]\n";
        if (reads) Assert.Equal(Marker, PatientContextReader.Parse(text, limits).Id);
        else AssertRefused(() => PatientContextReader.Parse(text, limits), nameof(PatientInputLimits.MaxDepth));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Parse_ExpandedCharsAtAndOverTheLimit_AliasesExpanded(int under, bool reads)
    {
        var text = $"id: {Marker}\nflags: [&f " + new string('f', 100) + ", *f, *f, *f]\n";
        var chars = 2 + Marker.Length + 5 + (4 * 100);
        var limits = new PatientInputLimits { MaxExpandedChars = chars - under };
        if (reads) Assert.Equal(4, PatientContextReader.Parse(text, limits).Flags.Count);
        else Assert.Equal(2, AssertRefused(() => PatientContextReader.Parse(text, limits), nameof(PatientInputLimits.MaxExpandedChars)).Line);
    }

    [Fact]
    public void Parse_LimitNotGreaterThanZero_IsMisuse()
    {
        var error = Assert.Throws<ArgumentException>(() => PatientContextReader.Parse(Patient(1), new PatientInputLimits { MaxNodes = 0 }));
        Assert.Contains("PatientInputLimits.MaxNodes must be greater than 0", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--max-patient-bytes", "20", 1)]
    [InlineData("--max-patient-nodes", "10", 1)]
    [InlineData("--max-patient-nodes", "1000", 0)]
    [InlineData("--max-patient-expanded-chars", "30", 1)]
    [InlineData("--max-patient-depth", "1", 1)]
    [InlineData("--max-patient-depth", "2", 0)]
    public void Eval_PatientFlags_RefuseOrAcceptThePatient(string flag, string value, int exit)
    {
        var file = Path.Combine(Path.GetTempPath(), "csq-tests", Guid.NewGuid().ToString("N") + ".yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, Patient(20));

        var run = CliRunner.Run("eval", file, "--rules", TestData.ShippedRules, flag, value);

        Assert.True(exit == 0 ? run.Exit == 0 : run.Exit != 0, run.Err);
        Assert.DoesNotContain(Marker, run.Err, StringComparison.Ordinal);
        if (exit != 0) Assert.Contains(flag, run.Err, StringComparison.Ordinal);
    }
}
