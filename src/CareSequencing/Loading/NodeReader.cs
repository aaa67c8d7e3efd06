using System.Collections.Immutable;
using System.Globalization;
using CareSequencing.Model;

namespace CareSequencing.Loading;

/// <summary>Collects diagnostics for one load; errors and warnings alike.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<RulePackDiagnostic> _items = [];

    public IReadOnlyList<RulePackDiagnostic> Items => _items;

    public bool HasErrors => _items.Exists(d => d.Severity == DiagnosticSeverity.Error);

    // Every diagnostic leaves with a fix: the precise hint of the site that found it, or its code's general one.
    public void Add(RulePackDiagnostic diagnostic)
    {
        if (diagnostic.Hint is null && DiagnosticCodes.DefaultHint(diagnostic.Code) is { } hint)
            diagnostic = diagnostic with { Hint = hint.ToString(), HintText = hint };
        _items.Add(diagnostic);
    }

    public void AddRange(IEnumerable<RulePackDiagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics) Add(diagnostic);
    }
}

/// <summary>Where the reader stands: the file being read and, inside a rule, the rule's id.</summary>
internal sealed class FileContext(string path, DiagnosticBag diagnostics, PackLoadLimits? limits = null, PackExpansion? expansion = null)
{
    public string Path { get; } = path;

    /// <summary>The characters the pack's files read so far expanded to; null for a file read on its own.</summary>
    public PackExpansion? Expansion { get; } = expansion;

    /// <summary>The limits the file is parsed under.</summary>
    public PackLoadLimits Limits { get; } = limits ?? PackLoadLimits.Default;

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public string? RuleId { get; set; }

    /// <summary>Every clinical code the file names, where it names it: the authoring linter checks them against reference indexes.</summary>
    public List<CodeUsage> Codes { get; } = [];

    public SourceLocation At(YNode node) => new(Path, node.Line, node.Column);

    public int ErrorCount { get; private set; }

    public void Error(string code, YNode node, MessageText message, MessageText? hint = null)
    {
        ErrorCount++;
        Diagnostics.Add(new(code, DiagnosticSeverity.Error, message, At(node), RuleId, hint));
    }

    public void Warning(string code, YNode node, MessageText message, MessageText? hint = null) =>
        Diagnostics.Add(new(code, DiagnosticSeverity.Warning, message, At(node), RuleId, hint));

    public MappingView? Mapping(YNode? node, MessageText what)
    {
        if (node is YMapping mapping) return new MappingView(mapping, this, what);
        if (node is not null) Error(DiagnosticCodes.InvalidValue, node, new("diag.must-be-mapping", what, node.Kind));
        return null;
    }
}

/// <summary>
/// Typed, strict access to one YAML mapping. Every key read is marked; <see cref="Complete"/>
/// reports the keys nobody read as unknown (with the closest known key as a hint), so typos never
/// pass silently.
/// </summary>
internal sealed class MappingView
{
    private readonly Dictionary<string, KeyValuePair<YScalar, YNode>> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly FileContext _file;
    private readonly MessageText _what;

    public MappingView(YMapping node, FileContext file, MessageText what)
    {
        Node = node;
        _file = file;
        _what = what;
        foreach (var entry in node.Entries)
        {
            if (!_entries.TryAdd(entry.Key.Value, entry))
            {
                var first = _entries[entry.Key.Value].Key;
                file.Error(DiagnosticCodes.DuplicateKey, entry.Key, new("diag.duplicate-key", entry.Key.Value, what, first.Line));
            }
        }
    }

    public YMapping Node { get; }

    public FileContext File => _file;

    public YNode? Get(string key)
    {
        _known.Add(key);
        return _entries.TryGetValue(key, out var entry) && !(entry.Value is YScalar { IsNull: true }) ? entry.Value : null;
    }

    public YNode? Required(string key)
    {
        var node = Get(key);
        if (node is null) _file.Error(DiagnosticCodes.MissingKey, KeyOrNode(key), new("diag.needs-key", _what, key));
        return node;
    }

    public string? String(string key, bool required = false)
    {
        var node = required ? Required(key) : Get(key);
        return node is null ? null : AsString(node, key);
    }

    public string? AsString(YNode node, string key)
    {
        if (node is YScalar scalar) return scalar.Value;
        _file.Error(DiagnosticCodes.InvalidValue, node, new("diag.must-be-text", key, node.Kind));
        return null;
    }

    public int? Int(string key, int min, int max, bool required = false)
    {
        var node = required ? Required(key) : Get(key);
        if (node is null) return null;
        if (node is YScalar { IsPlain: true } scalar
            && IsCanonicalInteger(scalar.Value)
            && int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
        {
            return value;
        }
        _file.Error(DiagnosticCodes.InvalidValue, node, new("diag.must-be-int", key, min, max));
        return null;
    }

    // Only the plain decimal form: "+5", "-0" and "010" (octal 8 to a YAML 1.1 reader) would mean different
    // things to different tools, so none of them is read as a number.
    private static bool IsCanonicalInteger(string text)
    {
        var digits = text.StartsWith('-') ? text[1..] : text;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)) return false;
        return digits[0] != '0' || string.Equals(text, "0", StringComparison.Ordinal);
    }

    public DateOnly? Date(string key, bool required = false)
    {
        var node = required ? Required(key) : Get(key);
        if (node is null) return null;
        if (node is YScalar scalar
            && DateOnly.TryParseExact(scalar.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        _file.Error(DiagnosticCodes.InvalidValue, node, new("diag.must-be-date", key));
        return null;
    }

    public T? Enum<T>(string key, IReadOnlyDictionary<string, T> values, bool required = false) where T : struct
    {
        var text = String(key, required);
        if (text is null) return null;
        if (values.TryGetValue(text, out var value)) return value;
        _file.Error(DiagnosticCodes.InvalidValue, Get(key)!,
            new("diag.value-not-allowed", key, text), new("hint.expected-one-of", string.Join(", ", values.Keys.Order(StringComparer.Ordinal))));
        return null;
    }

    /// <summary>A list of text values; a single scalar is not accepted (lists are lists).</summary>
    public ImmutableArray<(string Value, YNode Node)> StringList(string key, bool required = false)
    {
        var node = required ? Required(key) : Get(key);
        if (node is null) return [];
        if (node is not YSequence sequence)
        {
            _file.Error(DiagnosticCodes.InvalidValue, node, new("diag.must-be-list", key, node.Kind));
            return [];
        }
        var builder = ImmutableArray.CreateBuilder<(string, YNode)>(sequence.Items.Count);
        foreach (var item in sequence.Items)
        {
            if (AsString(item, key) is { } value) builder.Add((value, item));
        }
        return builder.ToImmutable();
    }

    /// <summary>Localised text: a mapping of language to text. Warns for each supported language missing.</summary>
    public LocalizedText? Text(string key, bool required = false)
    {
        var node = required ? Required(key) : Get(key);
        if (node is null) return null;
        if (node is not YMapping mapping)
        {
            _file.Error(DiagnosticCodes.InvalidValue, node, new("diag.must-be-text-mapping", key));
            return null;
        }
        var view = new MappingView(mapping, _file, new("what.key", key));
        var values = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            var language = entry.Key.Value;
            if (!Languages.IsSupported(language))
            {
                _file.Error(DiagnosticCodes.UnknownKey, entry.Key, new("diag.unsupported-language", language, key),
                    new("hint.supported-languages", string.Join(", ", Languages.Supported)));
                continue;
            }
            if (view.String(language) is { } text && !values.ContainsKey(language))
            {
                if (string.IsNullOrWhiteSpace(text)) _file.Error(DiagnosticCodes.InvalidValue, entry.Value, new("diag.text-empty", key, language));
                else values[language] = text;
            }
        }
        if (values.Count == 0)
        {
            // No text in any language: an error, never a silently dropped rule.
            if (mapping.Entries.Count == 0)
                _file.Error(DiagnosticCodes.MissingKey, node, new("diag.text-missing", key), new("hint.text-each-language"));
            return null;
        }
        foreach (var language in Languages.Supported)
        {
            if (!values.ContainsKey(language))
                _file.Warning(DiagnosticCodes.MissingTranslation, node, new("diag.missing-translation", key, language));
        }
        return new LocalizedText(values.ToImmutable());
    }

    /// <summary>Reports every key that no accessor asked for.</summary>
    public void Complete()
    {
        foreach (var (key, entry) in _entries)
        {
            if (_known.Contains(key)) continue;
            var suggestion = Closest(key, _known);
            _file.Error(DiagnosticCodes.UnknownKey, entry.Key, new("diag.unknown-key", key, _what),
                suggestion is null ? new("hint.allowed-keys", string.Join(", ", _known.Order(StringComparer.Ordinal))) : new("hint.did-you-mean", suggestion));
        }
    }

    private YNode KeyOrNode(string key) => _entries.TryGetValue(key, out var entry) ? entry.Key : Node;

    private static string? Closest(string key, IEnumerable<string> candidates) => Spelling.Closest(key, candidates);
}
