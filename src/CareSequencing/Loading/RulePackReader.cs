using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CareSequencing.Model;

namespace CareSequencing.Loading;

/// <summary>
/// Reads one rule pack folder (manifest and rule files) into a <see cref="RulePack"/>, collecting
/// every diagnostic. Returns null when the pack has any error: a pack is accepted whole or not at all.
/// </summary>
internal static partial class RulePackReader
{
    public const string ManifestFileName = "pack.yaml";
    public const string ScenariosFolder = "scenarios";

    /// <summary>Larger files are refused before parsing; no real pack file comes near it.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PackIdPattern();

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SemVerPattern();

    /// <summary>The pack files that make up its content (and its hash): everything but scenarios.</summary>
    public static IReadOnlyList<string> ContentFiles(string packDirectory)
    {
        var root = Path.GetFullPath(packDirectory);
        return Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Where(f => !RelativePath(root, f).StartsWith(ScenariosFolder + "/", StringComparison.Ordinal))
            .OrderBy(f => RelativePath(root, f), StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Reads the pack. On error, <paramref name="readableRules"/> still holds the rules that did read,
    /// so their conditions can be checked too and the author sees every error in one pass.
    /// </summary>
    public static RulePack? Read(string packDirectory, DiagnosticBag diagnostics, out ImmutableArray<RuleDefinition> readableRules)
    {
        readableRules = [];
        var errorsBefore = diagnostics.Items.Count(d => d.Severity == DiagnosticSeverity.Error);
        var manifestPath = Path.Combine(packDirectory, ManifestFileName);
        var files = ContentFiles(packDirectory);
        var texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (ReadText(file, DisplayPath(file), diagnostics) is { } text) texts[file] = text;
        }

        var manifest = texts.TryGetValue(Path.GetFullPath(manifestPath), out var manifestText)
            ? ManifestReader.Read(DisplayPath(manifestPath), manifestText, diagnostics)
            : null;
        if (manifest is null)
        {
            if (!File.Exists(manifestPath))
                diagnostics.Add(new(DiagnosticCodes.MissingManifest, DiagnosticSeverity.Error,
                    new MessageText("diag.no-manifest", ManifestFileName), new(DisplayPath(packDirectory), 1, 1)));
            return null;
        }

        var rules = ImmutableArray.CreateBuilder<RuleDefinition>();
        var interactions = ImmutableArray.CreateBuilder<InteractionEntry>();
        var codes = ImmutableArray.CreateBuilder<CodeUsage>();
        foreach (var (file, text) in texts)
        {
            if (string.Equals(file, Path.GetFullPath(manifestPath), StringComparison.Ordinal)) continue;
            RuleFileReader.Read(DisplayPath(file), text, manifest, diagnostics, rules, interactions, codes);
        }

        readableRules = rules.ToImmutable();
        var hasNewErrors = diagnostics.Items.Count(d => d.Severity == DiagnosticSeverity.Error) > errorsBefore;
        if (hasNewErrors) return null;

        var reference = new PackReference(manifest.Id, manifest.Version, Hash(packDirectory, texts), manifest.ReleaseDate);
        return new RulePack(reference, packDirectory, manifest.Title, manifest.Description, manifest.Publisher,
            manifest.Developer, manifest.Funding, manifest.ReleaseDate, rules.ToImmutable(), interactions.ToImmutable(), codes.ToImmutable());
    }

    internal static bool IsValidPackId(string id) => PackIdPattern().IsMatch(id);

    internal static bool IsValidVersion(string version) => SemVerPattern().IsMatch(version);

    private static string? ReadText(string file, string display, DiagnosticBag diagnostics)
    {
        try
        {
            var info = new FileInfo(file);
            if (info.Length > MaxFileBytes)
            {
                diagnostics.Add(new(DiagnosticCodes.LimitExceeded, DiagnosticSeverity.Error,
                    new MessageText("diag.file-too-large", MaxFileBytes / 1024), new(display, 1, 1)));
                return null;
            }
            var bytes = File.ReadAllBytes(file);
            var text = StrictUtf8.GetString(bytes);
            if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
            if (text.Contains('\0', StringComparison.Ordinal))
            {
                diagnostics.Add(new(DiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error,
                    new MessageText("diag.file-has-nul"), new(display, 1, 1)));
                return null;
            }
            return text.ReplaceLineEndings("\n");
        }
        catch (DecoderFallbackException)
        {
            diagnostics.Add(new(DiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error, new MessageText("diag.file-not-utf8"), new(display, 1, 1)));
        }
        catch (IOException ex)
        {
            diagnostics.Add(new(DiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error, new MessageText("diag.file-unreadable", ex.GetType().Name), new(display, 1, 1)));
        }
        catch (UnauthorizedAccessException)
        {
            diagnostics.Add(new(DiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error, new MessageText("diag.file-access-denied"), new(display, 1, 1)));
        }
        return null;
    }

    // Hash of relative paths and LF-normalised text, so a checkout with CRLF line endings hashes the same.
    private static string Hash(string packDirectory, SortedDictionary<string, string> texts)
    {
        var root = Path.GetFullPath(packDirectory);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (file, text) in texts.OrderBy(t => RelativePath(root, t.Key), StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(RelativePath(root, file)));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(text));
            hash.AppendData([0]);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string RelativePath(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');

    /// <summary>Paths in diagnostics are relative to the working directory when they can be, as compilers print them.</summary>
    internal static string DisplayPath(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return (relative.StartsWith("..", StringComparison.Ordinal) ? full : relative).Replace('\\', '/');
    }
}
