using CareSequencing.Loading;
using CareSequencing.Model;

namespace CareSequencing.Authoring.Validation;

/// <summary>What the linter checks against, beyond what loading already checks.</summary>
public sealed class PackLintOptions
{
    /// <summary>The ATC codes that exist (e.g. the WHO index or the project's checked excerpt); <see langword="null"/> skips the check.</summary>
    public CodeReference? AtcReference { get; init; }
}

/// <summary>
/// Checks that need more than one file or an outside reference: codes unknown to the reference
/// index. Runs on packs that loaded; loading has already reported everything else.
/// </summary>
public static class PackLinter
{
    /// <summary>Lints every pack of <paramref name="ruleSet"/>; diagnostics come sorted by file, line and column.</summary>
    public static IReadOnlyList<RulePackDiagnostic> Lint(CompiledRuleSet ruleSet, PackLintOptions options)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(options);
        var diagnostics = new List<RulePackDiagnostic>();
        foreach (var pack in ruleSet.PackModels)
        {
            if (options.AtcReference is { } atc) CheckCodes(pack, atc, diagnostics);
        }
        return [.. diagnostics
            .OrderBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ThenBy(d => d.Code, StringComparer.Ordinal)];
    }

    private static void CheckCodes(RulePack pack, CodeReference atc, List<RulePackDiagnostic> diagnostics)
    {
        foreach (var usage in pack.Codes)
        {
            if (usage.System != CodeSystem.Atc || atc.Contains(usage.Code)) continue;
            diagnostics.Add(new(DiagnosticCodes.UnknownCode, DiagnosticSeverity.Error,
                $"ATC code '{usage.Code}' is not in the reference index ({atc.Name}).",
                usage.Location, usage.RuleId,
                "check the code in the WHO ATC index (https://atcddd.fhi.no/atc_ddd_index/), then add it with its WHO name to the reference list"));
        }
    }
}
