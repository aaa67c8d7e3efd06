using System.Text;
using CareSequencing.Fhir;
using CareSequencing.Tests.Cli;

namespace CareSequencing.Tests.Fhir;

/// <summary>
/// Both sides of <see cref="FhirMappingOptions.MaxBundleBytes"/>, <see cref="FhirMappingOptions.MaxEntries"/> and
/// <see cref="FhirMappingOptions.MaxDepth"/>, through the library and the CLI flags: over a limit is a
/// <see cref="FhirInputException"/> naming the limit and never a value of the record.
/// </summary>
public sealed class FhirInputLimitsTests
{
    private const string Marker = "Qx9Mrk";

    private static string Bundle(int entries, string extra = "") =>
        "{\"resourceType\":\"Bundle\",\"type\":\"collection\"" + extra + ",\"entry\":[" +
        string.Join(",", Enumerable.Range(0, entries).Select(i => i == 0
            ? $"{{\"resource\":{{\"resourceType\":\"Patient\",\"id\":\"{Marker}\",\"gender\":\"female\"}}}}"
            : $"{{\"resource\":{{\"resourceType\":\"Observation\",\"id\":\"o{i}\",\"status\":\"final\",\"code\":{{\"text\":\"{Marker}\"}}}}}}")) + "]}";

    private static void AssertRefused(Action map, string limit)
    {
        var error = Assert.Throws<FhirInputException>(map);
        Assert.Contains($"FhirMappingOptions.{limit}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void FromJson_BytesAtAndOverTheLimit(int over, bool maps)
    {
        var json = Bundle(3);
        var options = new FhirMappingOptions { MaxBundleBytes = Encoding.UTF8.GetByteCount(json) - over };
        if (maps) Assert.Equal(Marker, FhirPatientContextMapper.FromJson(json, options).Id);
        else AssertRefused(() => FhirPatientContextMapper.FromJson(json, options), nameof(FhirMappingOptions.MaxBundleBytes));
    }

    [Fact]
    public void FromJson_MultiByteText_IsCountedInUtf8Bytes()
    {
        // 1,000 'é' are 1,000 characters but 2,000 bytes: a limit between the two refuses the text.
        var json = Bundle(1, ",\"language\":\"" + new string('é', 1_000) + "\"");
        var options = new FhirMappingOptions { MaxBundleBytes = json.Length + 500 };
        AssertRefused(() => FhirPatientContextMapper.FromJson(json, options), nameof(FhirMappingOptions.MaxBundleBytes));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void FromJson_EntriesAtAndOverTheLimit(int over, bool maps)
    {
        var options = new FhirMappingOptions { MaxEntries = 50 };
        var json = Bundle(options.MaxEntries + over);
        if (maps) Assert.Equal(Marker, FhirPatientContextMapper.FromJson(json, options).Id);
        else AssertRefused(() => FhirPatientContextMapper.FromJson(json, options), nameof(FhirMappingOptions.MaxEntries));
    }

    [Fact]
    public void FromJson_EntriesOverTheDefaultLimit_AreRefusedBeforeDeserialising()
    {
        var json = Bundle(new FhirMappingOptions().MaxEntries + 1);
        AssertRefused(() => FhirPatientContextMapper.FromJson(json), nameof(FhirMappingOptions.MaxEntries));
    }

    [Fact]
    public void FromBundle_EntriesOverTheLimit_AreRefused()
    {
        var bundle = new Hl7.Fhir.Model.Bundle { Type = Hl7.Fhir.Model.Bundle.BundleType.Collection };
        for (var i = 0; i < 11; i++) bundle.Entry.Add(new Hl7.Fhir.Model.Bundle.EntryComponent { Resource = new Hl7.Fhir.Model.Patient { Id = Marker } });

        AssertRefused(() => FhirPatientContextMapper.FromBundle(bundle, new FhirMappingOptions { MaxEntries = 10 }), nameof(FhirMappingOptions.MaxEntries));
        Assert.NotNull(FhirPatientContextMapper.FromBundle(bundle, new FhirMappingOptions { MaxEntries = 11 }));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void FromJson_NestingAtAndOverTheDepthLimit(int over, bool maps)
    {
        // Bundle (1) > entry array (2) > entry (3) > resource (4) > code (5) > then extension objects inside extension arrays.
        var json = Bundle(2);
        var depth = MaxNesting(json);
        var options = new FhirMappingOptions { MaxDepth = depth - over };
        if (maps) Assert.Equal(Marker, FhirPatientContextMapper.FromJson(json, options).Id);
        else AssertRefused(() => FhirPatientContextMapper.FromJson(json, options), nameof(FhirMappingOptions.MaxDepth));
    }

    [Fact]
    public void FromJson_TenThousandNestedArrays_AreRefusedByDepthNotByTheStack()
    {
        var json = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"meta\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        AssertRefused(() => FhirPatientContextMapper.FromJson(json), nameof(FhirMappingOptions.MaxDepth));
    }

    [Theory]
    [InlineData(nameof(FhirMappingOptions.MaxBundleBytes))]
    [InlineData(nameof(FhirMappingOptions.MaxEntries))]
    [InlineData(nameof(FhirMappingOptions.MaxDepth))]
    public void FromJson_LimitNotGreaterThanZero_IsMisuse(string limit)
    {
        var options = new FhirMappingOptions();
        typeof(FhirMappingOptions).GetProperty(limit)!.SetValue(options, 0);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => FhirPatientContextMapper.FromJson(Bundle(1), options));
        Assert.Contains(limit, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--max-bundle-entries", "9", 1)]
    [InlineData("--max-bundle-entries", "10", 0)]
    [InlineData("--max-bundle-bytes", "100", 1)]
    public void Eval_BundleFlags_RefuseOrAcceptTheBundle(string flag, string value, int exit)
    {
        var file = Path.Combine(Path.GetTempPath(), "csq-tests", Guid.NewGuid().ToString("N") + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, Bundle(10));

        var run = CliRunner.Run("eval", file, "--rules", TestData.ShippedRules, flag, value);

        Assert.True(exit == 0 ? run.Exit == 0 : run.Exit != 0, run.Err);
        Assert.DoesNotContain(Marker, run.Err, StringComparison.Ordinal);
        if (exit != 0) Assert.Contains(flag, run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--max-bundle-entries", "0")]
    [InlineData("--max-bundle-bytes", "-1")]
    [InlineData("--max-patient-nodes", "0")]
    [InlineData("--max-patient-bytes", "many")]
    public void Eval_InputLimitFlagNotAPositiveNumber_IsAUsageError(string flag, string value)
    {
        var bundle = Path.Combine(TestData.Fixtures, "fhir", "double-diagnosis-alcohol.json");
        var usage = CliRunner.Run("eval", bundle, "--lang", "de");

        var run = CliRunner.Run("eval", bundle, flag, value);

        Assert.NotEqual(0, run.Exit);
        Assert.Equal(usage.Exit, run.Exit);
        Assert.Empty(run.Out);
    }

    private static int MaxNesting(string json)
    {
        int depth = 0, max = 0;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString) { if (c == '\\') i++; else if (c == '"') inString = false; continue; }
            if (c == '"') inString = true;
            else if (c is '{' or '[') max = Math.Max(max, ++depth);
            else if (c is '}' or ']') depth--;
        }
        return max;
    }
}
