using System.Collections.Frozen;
using CareSequencing.Model;

namespace CareSequencing.Loading;

/// <summary>
/// Pinned pack versions: a host that names the exact version of a pack gets that version or a failed
/// load, never another one, so a past decision can be replayed from its pack versions.
/// </summary>
internal static class PackVersionPins
{
    /// <summary>Problems with the pins themselves (misuse, not authoring): empty when they are usable.</summary>
    public static IEnumerable<string> Problems(IEnumerable<KeyValuePair<string, string>> pins)
    {
        foreach (var (id, version) in pins)
        {
            if (id is null || !RulePackReader.IsValidPackId(id))
                yield return $"pinned pack id '{id}' must use lower-case letters, digits, '.' and '-'.";
            else if (version is null || !RulePackReader.IsValidVersion(version))
                yield return $"pinned version '{version}' of pack '{id}' is not a semantic version (major.minor.patch, e.g. 1.1.0).";
        }
    }

    public static FrozenDictionary<string, string> Validate(IReadOnlyDictionary<string, string>? pins, string parameter)
    {
        if (pins is null) return FrozenDictionary<string, string>.Empty;
        var problem = Problems(pins).FirstOrDefault();
        if (problem is not null) throw new ArgumentException("Invalid pack version pin: " + problem, parameter);
        return pins.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// Keeps, for each pinned id, the pack with the pinned version and drops its other versions; reports a
    /// pinned pack that is missing or has no pack at the pinned version. Unpinned packs pass through.
    /// </summary>
    public static List<RulePack> Select(List<RulePack> packs, FrozenDictionary<string, string> pins, IReadOnlyList<RulePackSource> sources,
        DiagnosticBag diagnostics, List<string> rejected)
    {
        if (pins.Count == 0) return packs;
        var selected = new List<RulePack>(packs.Count);
        foreach (var pack in packs)
        {
            if (!pins.TryGetValue(pack.Reference.Id, out var pinned) || string.Equals(pack.Reference.Version, pinned, StringComparison.Ordinal))
                selected.Add(pack);
        }
        foreach (var (id, version) in pins.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (selected.Exists(p => string.Equals(p.Reference.Id, id, StringComparison.Ordinal))) continue;
            var candidates = packs.Where(p => string.Equals(p.Reference.Id, id, StringComparison.Ordinal)).ToList();
            if (candidates.Count == 0)
            {
                diagnostics.Add(new(DiagnosticCodes.PinnedVersionMismatch, DiagnosticSeverity.Error,
                    new MessageText("diag.pinned-pack-missing", id, version),
                    new(sources.Count == 0 ? "" : RulePackReader.DisplayPath(sources[0].ToString()), 1, 1)));
                continue;
            }
            foreach (var candidate in candidates)
            {
                diagnostics.Add(new(DiagnosticCodes.PinnedVersionMismatch, DiagnosticSeverity.Error,
                    new MessageText("diag.pinned-version-mismatch", id, version, candidate.Reference.Version),
                    new(RulePackReader.DisplayPath(candidate.Directory + "/" + RulePackReader.ManifestFileName), 1, 1)));
                rejected.Add(RulePackReader.DisplayPath(candidate.Directory));
            }
        }
        return selected;
    }
}
