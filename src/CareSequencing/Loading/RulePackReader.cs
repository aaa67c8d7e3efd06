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

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PackIdPattern();

    // Semantic Versioning 2.0 without build metadata: no leading zeros, no empty pre-release identifier,
    // and at most nine digits per number so that no consumer comparing versions can overflow.
    [GeneratedRegex(@"^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(-(0|[1-9]\d{0,8}|\d*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9]\d{0,8}|\d*[A-Za-z-][0-9A-Za-z-]*))*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SemVerPattern();

    /// <summary>The full paths of a pack folder's content files (everything but scenarios), ordered by relative path.</summary>
    public static IReadOnlyList<string> ContentFiles(string packDirectory) =>
        [.. PackFiles.FromFolder(packDirectory).Files.Select(f => Path.Combine(Path.GetFullPath(packDirectory), f.RelativePath))];

    /// <summary>Reads the pack in a folder.</summary>
    public static RulePack? Read(string packDirectory, DiagnosticBag diagnostics, out ImmutableArray<RuleDefinition> readableRules,
        PackLoadLimits? limits = null) =>
        Read(PackFiles.FromFolder(packDirectory), diagnostics, out readableRules, limits);

    /// <summary>
    /// Reads the pack. On error, <paramref name="readableRules"/> still holds the rules that did read,
    /// so their conditions can be checked too and the author sees every error in one pass.
    /// </summary>
    public static RulePack? Read(PackFiles pack, DiagnosticBag diagnostics, out ImmutableArray<RuleDefinition> readableRules,
        PackLoadLimits? limits = null)
    {
        limits ??= PackLoadLimits.Default;
        readableRules = [];
        var errorsBefore = diagnostics.Items.Count(d => d.Severity == DiagnosticSeverity.Error);
        if (pack.Files.Count > limits.MaxFilesPerPack)
        {
            // Refused before any file is opened: the count alone says the folder is not a pack someone wrote.
            diagnostics.Add(new(DiagnosticCodes.LimitExceeded, DiagnosticSeverity.Error,
                new MessageText("diag.pack-too-many-files", pack.Files.Count, limits.MaxFilesPerPack,
                    PackLoadLimits.HowToRaise(nameof(PackLoadLimits.MaxFilesPerPack))), new(DisplayPath(pack.Root), 1, 1)));
            return null;
        }
        // Keyed by path inside the pack: the hash and the reading order do not depend on where the pack is stored.
        var texts = new SortedDictionary<string, (PackFile File, string Text)>(StringComparer.Ordinal);
        foreach (var file in pack.Files)
        {
            if (ReadText(file, diagnostics, limits.MaxFileBytes) is { } text) texts[file.RelativePath] = (file, text);
        }

        var expansion = new PackExpansion();
        var manifest = texts.TryGetValue(ManifestFileName, out var manifestText)
            ? ManifestReader.Read(manifestText.File.DisplayPath, manifestText.Text, diagnostics, limits, expansion)
            : null;
        if (manifest is null)
        {
            if (pack.Manifest is null)
                diagnostics.Add(new(DiagnosticCodes.MissingManifest, DiagnosticSeverity.Error,
                    new MessageText("diag.no-manifest", ManifestFileName), new(DisplayPath(pack.Root), 1, 1)));
            return null;
        }

        var rules = ImmutableArray.CreateBuilder<RuleDefinition>();
        var interactions = ImmutableArray.CreateBuilder<InteractionEntry>();
        var codes = ImmutableArray.CreateBuilder<CodeUsage>();
        foreach (var (relative, (file, text)) in texts)
        {
            if (string.Equals(relative, ManifestFileName, StringComparison.Ordinal)) continue;
            RuleFileReader.Read(file.DisplayPath, text, manifest, diagnostics, rules, interactions, codes, limits, expansion);
        }

        readableRules = rules.ToImmutable();
        CheckRuleCount(rules, interactions, diagnostics, limits.MaxRulesPerPack);
        AdviceText.Check(rules, interactions, diagnostics, limits.MaxAdviceCharsPerPack);
        var hasNewErrors = diagnostics.Items.Count(d => d.Severity == DiagnosticSeverity.Error) > errorsBefore;
        if (hasNewErrors) return null;

        var reference = new PackReference(manifest.Id, manifest.Version, Hash(texts), manifest.ReleaseDate);
        return new RulePack(reference, pack.Root, manifest.Title, manifest.Description, manifest.Publisher,
            manifest.Developer, manifest.Funding, manifest.ReleaseDate, rules.ToImmutable(), interactions.ToImmutable(), codes.ToImmutable(),
            manifest.SampledCoverage);
    }

    private static void CheckRuleCount(ImmutableArray<RuleDefinition>.Builder rules, ImmutableArray<InteractionEntry>.Builder interactions,
        DiagnosticBag diagnostics, int maxRules)
    {
        if (rules.Count + interactions.Count <= maxRules) return;
        // Reported at the first entry past the limit, in reading order, so the author sees where the pack overflows.
        var first = rules.Select(r => r.Location).Concat(interactions.Select(i => i.Location))
            .OrderBy(l => l.File, StringComparer.Ordinal).ThenBy(l => l.Line).ThenBy(l => l.Column)
            .ElementAt(maxRules);
        diagnostics.Add(new(DiagnosticCodes.LimitExceeded, DiagnosticSeverity.Error,
            new MessageText("diag.pack-too-many-rules", rules.Count + interactions.Count, maxRules,
                PackLoadLimits.HowToRaise(nameof(PackLoadLimits.MaxRulesPerPack))), first));
    }

    internal static bool IsValidPackId(string id) => PackIdPattern().IsMatch(id);

    internal static bool IsValidVersion(string version) => SemVerPattern().IsMatch(version);

    private static string? ReadText(PackFile file, DiagnosticBag diagnostics, int maxBytes)
    {
        var display = file.DisplayPath;
        if (file.Refusal is { } refusal)
        {
            diagnostics.Add(new(DiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error, refusal, new(display, 1, 1), null, new MessageText("hint.plain-pack-files")));
            return null;
        }
        try
        {
            if (file.Length() > maxBytes)
            {
                diagnostics.Add(FileTooLarge(display, maxBytes));
                return null;
            }
            byte[] bytes;
            using (var stream = file.Open())
            using (var buffer = new MemoryStream())
            {
                // The length may have changed since it was checked: never read more than one byte past the limit.
                var chunk = new byte[81920];
                int read;
                while (buffer.Length <= maxBytes && (read = stream.Read(chunk, 0, chunk.Length)) > 0) buffer.Write(chunk, 0, read);
                bytes = buffer.ToArray();
            }
            if (bytes.Length > maxBytes)
            {
                diagnostics.Add(FileTooLarge(display, maxBytes));
                return null;
            }
            if (PackText.FirstInvalidUtf8(bytes) is { } bad)
            {
                diagnostics.Add(new(DiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error, new MessageText("diag.file-not-utf8"), new(display, bad.Line, bad.Column)));
                return null;
            }
            var text = StrictUtf8.GetString(bytes);
            if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
            if (PackText.FirstForbiddenCharacter(text) is { } forbidden)
            {
                var message = forbidden.Character == '\0'
                    ? new MessageText("diag.file-has-nul")
                    : new MessageText("diag.file-forbidden-char", ((int)forbidden.Character).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                diagnostics.Add(new(DiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error, message, new(display, forbidden.Line, forbidden.Column),
                    null, new MessageText("hint.remove-character")));
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

    private static RulePackDiagnostic FileTooLarge(string display, int maxBytes) =>
        new(DiagnosticCodes.LimitExceeded, DiagnosticSeverity.Error,
            new MessageText("diag.file-too-large", maxBytes, PackLoadLimits.HowToRaise(nameof(PackLoadLimits.MaxFileBytes))), new(display, 1, 1));

    // Hash of relative paths and LF-normalised text, so a checkout with CRLF line endings, or the same
    // pack embedded in an assembly, hashes the same.
    private static string Hash(SortedDictionary<string, (PackFile File, string Text)> texts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (relative, (_, text)) in texts)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(text));
            hash.AppendData([0]);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Paths in diagnostics are relative to the working directory when they can be, as compilers print them.</summary>
    internal static string DisplayPath(string path)
    {
        // An embedded pack has no place on disk: its name is already what the author should see.
        if (PackFiles.IsEmbedded(path)) return path.Replace('\\', '/');
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return (relative.StartsWith("..", StringComparison.Ordinal) ? full : relative).Replace('\\', '/');
    }
}
