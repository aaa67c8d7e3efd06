namespace CareSequencing.Tests.Cli;

public sealed class HostileValidateTests
{
    [Theory]
    [InlineData("alias-billion-laughs", @"rules\.yaml\(\d+,\d+\): error CSQ1017: ")]
    [InlineData("tag-python-object", @"rules\.yaml\(6,11\): error CSQ1005: ")]
    [InlineData("binary-garbage", @"rules\.yaml\(1,1\): error CSQ1019: ")]
    [InlineData("bidi-override-in-id", @"rules\.yaml\(2,11\): error CSQ1019: ")]
    public void Validate_HostileFixture_PrintsCompilerStyleError_AndFailsWithoutStackTrace(string fixture, string pattern)
    {
        var (exit, output, error) = CliRunner.Run("validate", Path.Combine(TestData.Fixtures, "hostile", fixture));

        Assert.Equal(1, exit);
        Assert.Matches(pattern, output);
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }
}
