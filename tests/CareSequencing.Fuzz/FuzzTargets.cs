using System.Globalization;
using System.Text;
using CareSequencing.Fhir;
using CareSequencing.Loading;

namespace CareSequencing.Fuzz;

/// <summary>
/// The fuzz targets. Each takes one input, runs the entry point, checks the documented contract
/// and returns a short outcome signature (used to keep inputs that reach a new outcome).
/// Anything else that escapes, including <see cref="FuzzContractException"/>, is a crash.
/// </summary>
internal static class FuzzTargets
{
    public static readonly IReadOnlyList<string> Names = ["patient", "pack", "fhir"];

    /// <summary>The evaluation date of every fuzz run, so outcomes do not depend on the clock.</summary>
    public static readonly DateOnly AsOf = new(2026, 11, 23);

    private static readonly Lazy<CareEvaluator> ShippedEvaluator = new(() =>
        new CareEvaluator(RulePackLoader.Load(Path.Combine(AppContext.BaseDirectory, "rules")).GetRuleSetOrThrow(), TimeProvider.System,
            new EvaluationSettings { AsOf = AsOf }));

    public static Func<string, string> Get(string name) => name switch
    {
        "patient" => Patient,
        "pack" => Pack,
        "fhir" => Fhir,
        _ => throw new ArgumentException($"Unknown target '{name}' (targets: {string.Join(", ", Names)}).", nameof(name)),
    };

    /// <summary>Bytes as the file readers see them: UTF-8, invalid sequences replaced.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary><see cref="PatientContextReader.Parse"/>, then an evaluation against the shipped packs.</summary>
    public static string Patient(string text)
    {
        PatientContext context;
        try
        {
            context = PatientContextReader.Parse(text);
        }
        catch (PatientContextFormatException e)
        {
            Require(e.Code == "CSQ3010", "the format exception has code CSQ3010");
            Require(e.Line >= 1 && e.Column >= 1, "the format exception has a 1-based position");
            Require(e.Line <= LineCount(text) + 1, "the format exception's line lies within the text");
            return "format";
        }
        return "ok:" + Evaluate(context);
    }

    /// <summary><see cref="FhirPatientContextMapper.FromJson"/>, then an evaluation against the shipped packs.</summary>
    public static string Fhir(string text)
    {
        PatientContext context;
        try
        {
            context = FhirPatientContextMapper.FromJson(text);
        }
        catch (FhirInputException)
        {
            return "rejected";
        }
        return "ok:" + Evaluate(context);
    }

    /// <summary>
    /// A pack made of a fixed manifest and the input as its only rule file, loaded from a private
    /// temporary folder: either rejected whole with located diagnostics, or loaded and evaluated.
    /// </summary>
    public static string Pack(string text)
    {
        var folder = PackFolder.Value;
        File.WriteAllText(Path.Combine(folder, "rules", "fuzz.yaml"), text);
        var result = RulePackLoader.Load(folder);
        foreach (var diagnostic in result.Diagnostics)
        {
            Require(diagnostic.Code.Length == 7 && diagnostic.Code.StartsWith("CSQ", StringComparison.Ordinal), "every diagnostic has a CSQ code");
            Require(diagnostic.Location.File.Length > 0 && diagnostic.Location.Line >= 1 && diagnostic.Location.Column >= 1,
                "every diagnostic has file:line:col");
            Require(diagnostic.Message.Length > 0, "every diagnostic has a message");
        }
        if (result.HasErrors)
        {
            Require(result.GetPartialRuleSet().Packs.Count == 0 && result.RejectedPacks.Count == 1, "a pack with errors is rejected whole");
            return "rejected:" + string.Join(",", result.Diagnostics.Select(d => d.Code).Distinct().Order(StringComparer.Ordinal));
        }
        Require(result.RuleSet.Packs.Count == 1, "a pack without errors is loaded");
        var evaluator = new CareEvaluator(result.RuleSet, TimeProvider.System, new EvaluationSettings { AsOf = AsOf, IncludeDraftRules = true });
        // Documented: a rule that fails at evaluation is skipped and reported, naming the rule; the others run.
        var advice = evaluator.Evaluate(FuzzPatients.Full);
        foreach (var fault in advice.Faults)
        {
            Require(fault.RuleId.Length > 0 && fault.Pack.Id.Length > 0, "a rule fault names its rule and pack");
            Require(advice.Warnings.Any(w => w.Code == "CSQ1042" && w.Path == fault.RuleId), "a rule fault is a CSQ1042 warning too");
        }
        if (advice.Faults.Count > 0) return "rule-failed";
        return "loaded:" + advice.Proposals.Count.ToString(CultureInfo.InvariantCulture) + "/" + advice.Alerts.Count.ToString(CultureInfo.InvariantCulture);
    }

    private static string Evaluate(PatientContext context)
    {
        var advice = ShippedEvaluator.Value.Evaluate(context);
        foreach (var warning in advice.Warnings)
        {
            Require(warning.Code.Length == 7 && warning.Code.StartsWith("CSQ3", StringComparison.Ordinal), "every warning has a CSQ3xxx code");
            Require(warning.Message.Length > 0, "every warning has a message");
        }
        return string.Join(",", advice.Warnings.Select(w => w.Code).Distinct().Order(StringComparer.Ordinal));
    }

    private static readonly Lazy<string> PackFolder = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "csq-fuzz", Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "rules"));
        File.WriteAllText(Path.Combine(folder, "pack.yaml"), FuzzPatients.Manifest);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is harmless.
            }
        };
        return folder;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private static int LineCount(string text)
    {
        var lines = 1;
        foreach (var c in text)
        {
            if (c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029') lines++;
        }
        return lines;
    }

    private static void Require(bool condition, string contract)
    {
        if (!condition) throw new FuzzContractException(contract);
    }
}

/// <summary>A documented behaviour did not hold: a crash, like an unexpected exception.</summary>
internal sealed class FuzzContractException(string contract) : Exception("Contract broken: " + contract + ".");
