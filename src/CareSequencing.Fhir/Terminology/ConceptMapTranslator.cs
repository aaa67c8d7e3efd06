using System.Globalization;
using Hl7.Fhir.Model;

namespace CareSequencing.Fhir.Terminology;

/// <summary>
/// Translates codings through FHIR R4 ConceptMap resources the host supplies (e.g. its CIP13 → ATC map): each
/// <c>group</c> whose <c>target</c> is WHO ATC or WHO ICD-10 (by URI or OID) maps <c>element.code</c> to its
/// <c>target[].code</c>. Codes whose equivalence is <c>equivalent</c>, <c>equal</c>, <c>wider</c> or <c>subsumes</c> are
/// used as they are; <c>narrower</c>, <c>specializes</c>, <c>inexact</c> and <c>relatedto</c> are used with a problem saying
/// the map is not exact; <c>unmatched</c> and <c>disjoint</c> give no code. A code absent from a group follows the
/// group's <c>unmapped</c> rule: <c>provided</c> (the code itself) and <c>fixed</c> are applied, <c>other-map</c> is not
/// followed and says so. Groups are asked in order (maps in the order given, files sorted ordinally); the first that gives
/// codes wins.
/// </summary>
/// <remarks>
/// Immutable after construction and thread-safe; a lookup is one dictionary read per group of the coding's system, so a
/// map of 100,000 elements costs no more per code than a small one. Translations complete synchronously.
/// A group's <c>sourceVersion</c> is compared with the coding's version only when both are given.
/// </remarks>
public sealed class ConceptMapTranslator : ICodeTranslator
{
    private readonly Dictionary<(TerminologyTarget Target, string System), Group[]> _groups;

    private ConceptMapTranslator(string name, Dictionary<(TerminologyTarget, string), Group[]> groups, IReadOnlyList<string> ignored)
    {
        Name = name;
        _groups = groups;
        Ignored = ignored;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>
    /// What was read but cannot be used, and why: groups whose target is neither WHO ATC nor WHO ICD-10, or that name no
    /// source system. In English, without patient data; a host may log them at start-up.
    /// </summary>
    public IReadOnlyList<string> Ignored { get; }

    /// <summary>Reads the JSON of a ConceptMap, or of a Bundle of ConceptMaps.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="sourceName">A name for messages (a file name); none when <see langword="null"/>.</param>
    /// <exception cref="ConceptMapException">The text is not a usable R4 ConceptMap or Bundle of them (with the line and column when known).</exception>
    public static ConceptMapTranslator FromJson(string json, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Build(ConceptMapReader.Read(json, sourceName).Select(m => (m, sourceName)).ToList());
    }

    /// <summary>Reads a JSON file holding a ConceptMap or a Bundle of ConceptMaps.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ConceptMapException">The file is not a usable R4 ConceptMap or Bundle of them.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ConceptMapTranslator FromFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Build(ReadFile(path));
    }

    /// <summary>Reads every <c>*.json</c> file of a folder (not its subfolders), in ordinal order of their names.</summary>
    /// <param name="path">The folder.</param>
    /// <exception cref="ConceptMapException">A file is not a usable R4 ConceptMap or Bundle of them, or the folder has no <c>*.json</c> file.</exception>
    /// <exception cref="IOException">The folder or a file cannot be read.</exception>
    public static ConceptMapTranslator FromFolder(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var files = Directory.GetFiles(path, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new ConceptMapException(path, null, null, "the folder has no *.json file.");
        return Build(files.SelectMany(ReadFile).ToList());
    }

    /// <summary>Reads a file (<see cref="FromFile"/>) or a folder (<see cref="FromFolder"/>).</summary>
    /// <param name="path">A file or a folder.</param>
    /// <exception cref="ConceptMapException">A map is not usable, or the path does not exist.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static ConceptMapTranslator FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path)) return FromFolder(path);
        if (File.Exists(path)) return FromFile(path);
        throw new ConceptMapException(path, null, null, "no such file or folder.");
    }

    /// <summary>Uses the ConceptMaps of a Bundle, in entry order (a host holding parsed ConceptMaps puts them in one).</summary>
    /// <param name="bundle">A Bundle whose entries are all ConceptMaps.</param>
    /// <exception cref="ConceptMapException">An entry is not a ConceptMap, or a map entry is not usable.</exception>
    public static ConceptMapTranslator FromBundle(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return Build(ConceptMapReader.FromBundle(bundle, null).Select(m => (m, (string?)null)).ToList());
    }

    /// <inheritdoc />
    public ValueTask<CodeTranslation> TranslateAsync(SourceCoding coding, TerminologyTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coding);
        if (!_groups.TryGetValue((target, coding.System), out var groups)) return ValueTask.FromResult(CodeTranslation.None);
        List<string>? problems = null;
        foreach (var group in groups)
        {
            if (group.SourceVersion is not null && coding.Version is not null && !string.Equals(group.SourceVersion, coding.Version, StringComparison.Ordinal))
                continue;
            if (group.Elements.TryGetValue(coding.Code, out var entry))
            {
                if (entry.Codes.Count > 0) return ValueTask.FromResult(With(entry, problems));
                continue; // unmatched or disjoint: the map's author said no, so its unmapped rule does not apply
            }
            switch (group.Unmapped)
            {
                case { Mode: "provided" } u:
                    return ValueTask.FromResult(With(CodeTranslation.Of(new TranslatedCode(coding.Code, CodeMapping.Map, u.Source)), problems));
                case { Mode: "fixed", Fixed: { } code }:
                    return ValueTask.FromResult(With(CodeTranslation.Of(code), problems));
                case { Mode: "other-map" } u:
                    (problems ??= []).Add($"{u.Source}: unmapped mode 'other-map' ({u.OtherMap ?? "no url"}) is not followed");
                    break;
            }
        }
        return ValueTask.FromResult(problems is null ? CodeTranslation.None : new CodeTranslation { Problems = problems });
    }

    private static CodeTranslation With(CodeTranslation translation, List<string>? problems) =>
        problems is null ? translation : translation with { Problems = [.. problems, .. translation.Problems] };

    private static List<(ConceptMap, string?)> ReadFile(string path) =>
        ConceptMapReader.Read(File.ReadAllText(path), path).Select(m => (m, (string?)path)).ToList();

    private static ConceptMapTranslator Build(List<(ConceptMap Map, string? File)> maps)
    {
        var groups = new Dictionary<(TerminologyTarget, string), List<Group>>();
        var ignored = new List<string>();
        foreach (var (map, file) in maps)
        {
            var label = "ConceptMap " + (map.Url ?? map.Id ?? "(no url)") + (map.Version is { } v ? "|" + v : "");
            for (var g = 0; g < map.Group.Count; g++)
            {
                var group = map.Group[g];
                var at = Invariant($"{label}: group {g + 1}");
                var target = TargetOf(group.Target);
                if (target is null)
                {
                    ignored.Add($"{at} targets '{group.Target ?? "(none)"}', not WHO ATC or WHO ICD-10: ignored");
                    continue;
                }
                if (string.IsNullOrWhiteSpace(group.Source))
                {
                    ignored.Add($"{at} has no source system: ignored");
                    continue;
                }
                var read = new Group(group.SourceVersion, ReadElements(group, at, file), ReadUnmapped(group.Unmapped, at, file));
                var key = (target.Value, group.Source.Trim());
                if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
                list.Add(read);
            }
        }
        return new ConceptMapTranslator(NameOf(maps.Select(m => m.Map).ToList()), groups.ToDictionary(p => p.Key, p => p.Value.ToArray()), ignored);
    }

    private static Dictionary<string, CodeTranslation> ReadElements(ConceptMap.GroupComponent group, string at, string? file)
    {
        var byCode = new Dictionary<string, (List<TranslatedCode> Codes, List<string> Problems)>(StringComparer.Ordinal);
        for (var e = 0; e < group.Element.Count; e++)
        {
            var element = group.Element[e];
            var where = Invariant($"{at} element {e + 1}");
            if (string.IsNullOrWhiteSpace(element.Code)) throw new ConceptMapException(file, null, null, $"{where} has no code.");
            // An element without target says nothing about the code: it is left to the group's unmapped rule.
            if (element.Target.Count == 0) continue;
            if (!byCode.TryGetValue(element.Code.Trim(), out var entry)) byCode[element.Code.Trim()] = entry = ([], []);
            for (var t = 0; t < element.Target.Count; t++)
            {
                var target = element.Target[t];
                var equivalence = target.EquivalenceElement?.JsonValue as string;
                var kind = Equivalence.Classify(equivalence)
                    ?? throw new ConceptMapException(file, null, null, Invariant($"{where} target {t + 1} has no R4 equivalence."));
                if (kind == EquivalenceKind.NoMatch) continue;
                if (string.IsNullOrWhiteSpace(target.Code))
                    throw new ConceptMapException(file, null, null, Invariant($"{where} target {t + 1} has no code."));
                var code = target.Code.Trim();
                if (entry.Codes.Exists(c => c.Code == code)) continue;
                entry.Codes.Add(new TranslatedCode(code, CodeMapping.Map, where) { Name = string.IsNullOrWhiteSpace(target.Display) ? null : target.Display.Trim() });
                if (kind == EquivalenceKind.NotExact && !entry.Problems.Contains(Equivalence.NotExactProblem(equivalence)))
                    entry.Problems.Add(Equivalence.NotExactProblem(equivalence));
            }
        }
        return byCode.ToDictionary(p => p.Key, p => new CodeTranslation { Codes = p.Value.Codes.ToArray(), Problems = p.Value.Problems.ToArray() }, StringComparer.Ordinal);
    }

    private static Unmapped? ReadUnmapped(ConceptMap.UnmappedComponent? unmapped, string at, string? file)
    {
        var mode = unmapped?.ModeElement?.JsonValue as string;
        if (unmapped is null || mode is null) return null;
        var source = $"{at} unmapped ({mode})";
        if (mode == "fixed" && string.IsNullOrWhiteSpace(unmapped.Code))
            throw new ConceptMapException(file, null, null, $"{at}: unmapped mode 'fixed' has no code.");
        var code = mode == "fixed" ? new TranslatedCode(unmapped.Code!.Trim(), CodeMapping.Map, source) { Name = unmapped.Display } : null;
        return new Unmapped(mode, code, unmapped.Url, source);
    }

    private static TerminologyTarget? TargetOf(string? system) => system?.Trim() switch
    {
        FhirSystems.Atc or FhirSystems.AtcOid => TerminologyTarget.Atc,
        FhirSystems.Icd10 or FhirSystems.Icd10Oid => TerminologyTarget.Icd10,
        _ => null,
    };

    private static string NameOf(List<ConceptMap> maps)
    {
        static string One(ConceptMap m) => (m.Name ?? m.Id ?? m.Url ?? "(unnamed)") + (m.Version is { } v ? " " + v : "");
        return maps.Count switch
        {
            0 => "ConceptMaps (none)",
            1 => "ConceptMap " + One(maps[0]),
            2 => $"ConceptMaps {One(maps[0])}, {One(maps[1])}",
            _ => Invariant($"ConceptMaps {One(maps[0])}, {One(maps[1])} and {maps.Count - 2} more"),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One usable group: its source version, its entries (precomputed answers) and its unmapped rule.</summary>
    private sealed record Group(string? SourceVersion, Dictionary<string, CodeTranslation> Elements, Unmapped? Unmapped);

    private sealed record Unmapped(string Mode, TranslatedCode? Fixed, string? OtherMap, string Source);
}
