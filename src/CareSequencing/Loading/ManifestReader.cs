using System.Collections.Immutable;
using System.Globalization;
using CareSequencing.Model;

namespace CareSequencing.Loading;

internal sealed record PackManifest(
    string Id,
    string Version,
    LocalizedText Title,
    LocalizedText Description,
    string Publisher,
    string Developer,
    string? Funding,
    DateOnly ReleaseDate,
    ImmutableDictionary<string, SourceAttribution> Sources,
    bool SampledCoverage = false);

/// <summary>Reads <c>pack.yaml</c>.</summary>
internal static class ManifestReader
{
    public const int SupportedSchemaVersion = 1;

    public static PackManifest? Read(string path, string text, DiagnosticBag diagnostics, PackLoadLimits? limits = null, PackExpansion? expansion = null)
    {
        var file = new FileContext(path, diagnostics, limits, expansion);
        var root = YamlFile.Parse(file, text);
        if (root is null) return null;
        var map = file.Mapping(root, new("what.manifest"));
        if (map is null) return null;

        var schema = map.Int("schemaVersion", 0, 1000, required: true);
        if (schema is not null && schema != SupportedSchemaVersion)
            file.Error(DiagnosticCodes.UnsupportedSchemaVersion, map.Get("schemaVersion")!,
                new("diag.schema-unsupported", schema, SupportedSchemaVersion));

        var id = map.String("id", required: true);
        if (id is not null && !RulePackReader.IsValidPackId(id))
            file.Error(DiagnosticCodes.InvalidValue, map.Get("id")!, new("diag.pack-id-format", id));

        var version = map.String("version", required: true);
        if (version is not null && !RulePackReader.IsValidVersion(version))
            file.Error(DiagnosticCodes.InvalidVersion, map.Get("version")!, new("diag.version-format", version), new("hint.version-format"));

        var title = map.Text("title", required: true);
        var description = map.Text("description") ?? LocalizedText.Empty;
        var publisher = map.String("publisher", required: true);
        var developer = map.String("developer");
        var funding = map.String("funding");
        var releaseDate = map.Date("releaseDate", required: true);
        // 'sampled': a knowledge base imported from reference data, whose scenarios sample each level and
        // family; strict coverage then reports its unexercised entries instead of failing on them.
        var coverage = map.String("scenarioCoverage");
        if (coverage is not null && coverage is not ("complete" or "sampled"))
            file.Error(DiagnosticCodes.InvalidValue, map.Get("scenarioCoverage")!, new("diag.scenario-coverage-value", coverage));

        var sources = ImmutableDictionary.CreateBuilder<string, SourceAttribution>(StringComparer.Ordinal);
        if (map.Get("sources") is { } sourcesNode)
        {
            if (sourcesNode is YSequence list)
            {
                foreach (var item in list.Items)
                {
                    var entry = file.Mapping(item, new("what.source"));
                    if (entry is null) continue;
                    var sourceId = entry.String("id", required: true);
                    var source = SourceReader.ReadInline(entry);
                    if (sourceId is null || source is null) continue;
                    if (!sources.TryAdd(sourceId, source))
                        file.Error(DiagnosticCodes.DuplicateKey, item, new("diag.source-declared-twice", sourceId));
                }
            }
            else
            {
                file.Error(DiagnosticCodes.InvalidValue, sourcesNode, new("diag.sources-not-list"));
            }
        }
        map.Complete();

        if (id is null || version is null || title is null || publisher is null || releaseDate is null) return null;
        return new PackManifest(id, version, title, description, publisher, developer ?? publisher, funding, releaseDate.Value, sources.ToImmutable(),
            string.Equals(coverage, "sampled", StringComparison.Ordinal));
    }
}

/// <summary>Reads bibliographic sources, inline or by reference to the manifest.</summary>
internal static class SourceReader
{
    public static SourceAttribution? ReadInline(MappingView map)
    {
        var citation = map.String("citation", required: true);
        var url = map.String("url");
        if (url is not null) CheckUrl(map.File, map.Get("url")!, url);
        var publisher = map.String("publisher");
        var year = map.Int("year", 1800, 2200);
        map.Complete();
        return citation is null ? null : new SourceAttribution(citation, url, publisher, year);
    }

    /// <summary>
    /// A link reaches the clinician's screen (CDS Hooks <c>source.url</c>, the card's markdown): only web
    /// addresses load. <c>http:</c> loads with a warning, as some publishers still serve their pages that way.
    /// </summary>
    internal static void CheckUrl(FileContext file, YNode node, string url)
    {
        var verdict = WebUrl.Check(url);
        if (verdict == WebUrlVerdict.Https) return;
        if (verdict == WebUrlVerdict.Http)
        {
            file.Warning(DiagnosticCodes.InsecureUrl, node, new("diag.url-http"), new("hint.url-http"));
            return;
        }
        file.Error(DiagnosticCodes.UnsafeUrl, node, new("diag.url-unsafe", Reason(verdict)), new("hint.url-unsafe"));
    }

    private static MessageText Reason(WebUrlVerdict verdict) => new(verdict switch
    {
        WebUrlVerdict.EmptyOrTooLong => "url-reason.length",
        WebUrlVerdict.HiddenCharacter => "url-reason.hidden-character",
        WebUrlVerdict.SchemeNotAllowed => "url-reason.scheme",
        WebUrlVerdict.CharacterNotAllowed => "url-reason.character",
        WebUrlVerdict.UserInfo => "url-reason.user-info",
        WebUrlVerdict.EncodedControl => "url-reason.encoded-control",
        _ => "url-reason.host",
    }, WebUrl.MaxLength);

    public static ImmutableArray<SourceAttribution> ReadList(MappingView owner, PackManifest manifest)
    {
        var node = owner.Get("sources");
        if (node is null) return [];
        if (node is not YSequence list)
        {
            owner.File.Error(DiagnosticCodes.InvalidValue, node, new("diag.sources-not-list"));
            return [];
        }
        var builder = ImmutableArray.CreateBuilder<SourceAttribution>(list.Items.Count);
        foreach (var item in list.Items)
        {
            if (item is YScalar reference)
            {
                if (manifest.Sources.TryGetValue(reference.Value, out var source)) builder.Add(source);
                else owner.File.Error(DiagnosticCodes.UnknownSourceReference, item,
                    new("diag.source-not-declared", reference.Value),
                    manifest.Sources.Count == 0 ? new("hint.declare-source") : new("hint.declared-sources", string.Join(", ", manifest.Sources.Keys.Order(StringComparer.Ordinal))));
            }
            else if (owner.File.Mapping(item, new("what.source")) is { } inline && ReadInline(inline) is { } source)
            {
                builder.Add(source);
            }
        }
        return builder.ToImmutable();
    }
}

/// <summary>Parses a file's text into a tree, turning syntax errors into diagnostics.</summary>
internal static class YamlFile
{
    public static YNode? Parse(FileContext file, string text)
    {
        try
        {
            var root = YamlTreeReader.Read(text, limits: file.Limits, pack: file.Expansion);
            if (root is null)
                file.Diagnostics.Add(new(DiagnosticCodes.MissingKey, DiagnosticSeverity.Error, new MessageText("diag.file-empty"), new(file.Path, 1, 1)));
            return root;
        }
        catch (YamlTreeException ex)
        {
            file.Diagnostics.Add(new(ex.Code, DiagnosticSeverity.Error, ex.Text, new(file.Path, Math.Max(1, ex.Line), Math.Max(1, ex.Column))));
            return null;
        }
    }
}
