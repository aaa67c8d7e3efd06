using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CareSequencing.Loading;

/// <summary>
/// A YAML document as a small tree that keeps every node's position and every mapping entry,
/// duplicates included, so that the readers can report all problems with <c>file:line:col</c>
/// instead of stopping at the first one (as a deserialiser would).
/// </summary>
internal abstract class YNode
{
    protected YNode(int line, int column)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }

    /// <summary>What kind of node this is, for messages: "a scalar", "a list", "a mapping".</summary>
    public abstract Model.MessageText Kind { get; }
}

internal sealed class YScalar(int line, int column, string value, ScalarStyle style) : YNode(line, column)
{
    public string Value { get; } = value;

    public ScalarStyle Style { get; } = style;

    public bool IsPlain => Style == ScalarStyle.Plain;

    /// <summary>YAML core schema null: an empty plain scalar, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override Model.MessageText Kind => new("kind.scalar");
}

internal sealed class YSequence(int line, int column, IReadOnlyList<YNode> items) : YNode(line, column)
{
    public IReadOnlyList<YNode> Items { get; } = items;

    public override Model.MessageText Kind => new("kind.list");
}

internal sealed class YMapping(int line, int column, IReadOnlyList<KeyValuePair<YScalar, YNode>> entries) : YNode(line, column)
{
    public IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries { get; } = entries;

    public override Model.MessageText Kind => new("kind.mapping");
}

/// <summary>Thrown by <see cref="YamlTreeReader"/> when the text is not well-formed YAML or exceeds a limit.</summary>
internal sealed class YamlTreeException(string code, Model.MessageText message, int line, int column, string? limit = null) : Exception(message.ToString())
{
    /// <summary>The <see cref="PackLoadLimits"/> property crossed, when a limit was; null for a syntax error.</summary>
    public string? Limit { get; } = limit;

    public Model.MessageText Text { get; } = message;

    public string Code { get; } = code;

    public int Line { get; } = line;

    public int Column { get; } = column;
}

/// <summary>The characters the files of one pack have expanded to so far: the pack's share of <see cref="PackLoadLimits.MaxExpandedCharsPerPack"/>.</summary>
internal sealed class PackExpansion
{
    public long Chars { get; set; }
}

/// <summary>Builds a <see cref="YNode"/> tree from YamlDotNet's event parser, with limits.</summary>
internal static class YamlTreeReader
{
    /// <summary>Reads the single document in <paramref name="text"/>; null for an empty document.</summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="plainText">
    /// Refuse control, bidirectional and separator characters written as escapes (pack files: they can
    /// hide what a rule says). Patient files are read leniently: such characters in free text harm nothing.
    /// </param>
    /// <param name="limits">Depth, node, character, scalar, key and mapping limits; <see cref="PackLoadLimits.Default"/> when null.</param>
    /// <param name="pack">The characters the pack's files read before this one expanded to, shared by them; null for a file read alone.</param>
    public static YNode? Read(string text, bool plainText = true, PackLoadLimits? limits = null, PackExpansion? pack = null)
    {
        var parser = new Parser(new StringReader(text));
        var state = new ReadState(plainText, limits ?? PackLoadLimits.Default, pack);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _)) return null;
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, state, 0).Node;
            parser.Consume<DocumentEnd>();
            if (!parser.TryConsume<StreamEnd>(out _))
            {
                var next = parser.Current!;
                throw new YamlTreeException(DiagnosticCodes.YamlSyntax, new("diag.yaml-second-document"),
                    (int)next.Start.Line, (int)next.Start.Column);
            }
            return root is YScalar { IsNull: true } ? null : root;
        }
        catch (YamlException ex) when (ex is not null)
        {
            throw new YamlTreeException(DiagnosticCodes.YamlSyntax, new("diag.yaml-syntax", Clean(ex.Message)), (int)ex.Start.Line, (int)ex.Start.Column);
        }
        catch (ArgumentException ex) when (string.Equals(ex.Source, "YamlDotNet", StringComparison.Ordinal))
        {
            // YamlDotNet rejects a malformed tag ("!![int") or an empty %TAG prefix with an ArgumentException
            // (found by fuzzing); report it at the last event read, the closest position it leaves.
            var at = parser.Current?.Start;
            throw new YamlTreeException(DiagnosticCodes.YamlSyntax, new("diag.yaml-invalid-tag"),
                Math.Max(1, (int)(at?.Line ?? 1)), Math.Max(1, (int)(at?.Column ?? 1)));
        }
        catch (InvalidOperationException ex) when (string.Equals(ex.Source, "YamlDotNet", StringComparison.Ordinal))
        {
            // YamlDotNet's scanner throws this, not a YamlException, when a file ends inside a flow collection ("[a, b").
            var (line, column) = EndOf(text);
            throw new YamlTreeException(DiagnosticCodes.YamlSyntax, new("diag.yaml-unclosed-flow"), line, column);
        }
        catch (Exception ex) when (ex is not YamlTreeException && string.Equals(ex.Source, "YamlDotNet", StringComparison.Ordinal))
        {
            // Any other failure inside the parser is still the file's fault: a diagnostic, never an exception for the host.
            var (line, column) = EndOf(text);
            throw new YamlTreeException(DiagnosticCodes.YamlSyntax, new("diag.yaml-syntax", ex.GetType().Name), line, column);
        }
    }

    private static (int Line, int Column) EndOf(string text)
    {
        var trimmed = text.TrimEnd();
        var lastBreak = trimmed.LastIndexOf('\n');
        return (trimmed.Count(c => c == '\n') + 1, trimmed.Length - lastBreak);
    }

    /// <summary>What one read carries from node to node: anchors, the node and character counts so far, and the limits.</summary>
    private sealed class ReadState(bool plainText, PackLoadLimits limits, PackExpansion? pack)
    {
        public Dictionary<string, (YNode Node, Size Size)> Anchors { get; } = new(StringComparer.Ordinal);

        public int Nodes { get; set; }

        /// <summary>Characters of keys and values in this file, each alias counted at the size of what it repeats.</summary>
        public long Chars { get; set; }

        public bool PlainText { get; } = plainText;

        public PackLoadLimits Limits { get; } = limits;

        public void CountNodes(int count, int line, int column)
        {
            Nodes += count;
            if (Nodes > Limits.MaxNodes)
                throw Exceeded(new("diag.yaml-too-many-nodes", Limits.MaxNodes, PackLoadLimits.HowToRaise(nameof(PackLoadLimits.MaxNodes))), line, column, nameof(PackLoadLimits.MaxNodes));
        }

        /// <summary>
        /// Counts what a node (or an alias, at the size of its anchor) adds to the file and the pack. Nodes alone do not
        /// bound the text: one long scalar repeated by aliases is one node each time but thousands of characters.
        /// </summary>
        public void Count(Size size, int line, int column)
        {
            CountNodes(size.Nodes, line, column);
            Chars += size.Chars;
            if (Chars > Limits.MaxExpandedCharsPerFile)
                throw Exceeded(new("diag.yaml-too-many-chars", Limits.MaxExpandedCharsPerFile,
                    PackLoadLimits.HowToRaise(nameof(PackLoadLimits.MaxExpandedCharsPerFile))), line, column, nameof(PackLoadLimits.MaxExpandedCharsPerFile));
            if (pack is null) return;
            pack.Chars += size.Chars;
            if (pack.Chars > Limits.MaxExpandedCharsPerPack)
                throw Exceeded(new("diag.pack-too-many-chars", Limits.MaxExpandedCharsPerPack,
                    PackLoadLimits.HowToRaise(nameof(PackLoadLimits.MaxExpandedCharsPerPack))), line, column, nameof(PackLoadLimits.MaxExpandedCharsPerPack));
        }
    }

    /// <summary>What a node expands to: its nodes and the characters of its keys and values, aliases expanded.</summary>
    private readonly record struct Size(int Nodes, long Chars)
    {
        public static Size operator +(Size a, Size b) => new(a.Nodes + b.Nodes, a.Chars + b.Chars);
    }

    private static YamlTreeException Exceeded(Model.MessageText message, int line, int column, string limit) =>
        new(DiagnosticCodes.LimitExceeded, message, line, column, limit);

    private static (YNode Node, Size Size) ReadNode(IParser parser, ReadState state, int depth)
    {
        var limits = state.Limits;
        var ev = parser.Current ?? throw new YamlTreeException(DiagnosticCodes.YamlSyntax, new("diag.yaml-unexpected-end"), 1, 1);
        var line = (int)ev.Start.Line;
        var column = (int)ev.Start.Column;
        if (depth > limits.MaxDepth)
            throw Exceeded(new("diag.yaml-too-deep", limits.MaxDepth, PackLoadLimits.HowToRaise(nameof(PackLoadLimits.MaxDepth))), line, column, nameof(PackLoadLimits.MaxDepth));
        // Tags ask a loader to build a type (!!python/object, !!binary, !custom): packs are plain data, so none is honoured.
        if (ev is NodeEvent { Tag.IsEmpty: false } tagged && !string.Equals(tagged.Tag.Value, "!", StringComparison.Ordinal))
            throw new YamlTreeException(DiagnosticCodes.InvalidValue, new("diag.yaml-tag"), line, column);

        switch (ev)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                // The alias is not named in the message: in a patient file it may be patient text (found by the property tests).
                if (!state.Anchors.TryGetValue(alias.Value.Value, out var target))
                    throw new YamlTreeException(DiagnosticCodes.YamlSyntax, new("diag.yaml-unknown-alias"), line, column);
                state.Count(target.Size, line, column);
                // The alias stands where it is written: errors about it (a duplicate key, a wrong type) point here, not at the anchor.
                return (At(target.Node, line, column), target.Size);

            case Scalar scalar:
                parser.MoveNext();
                if (scalar.Value.Length > limits.MaxScalarLength)
                    throw Exceeded(new("diag.yaml-scalar-too-long", limits.MaxScalarLength, PackLoadLimits.HowToRaise(nameof(PackLoadLimits.MaxScalarLength))), line, column, nameof(PackLoadLimits.MaxScalarLength));
                // Escapes in quoted scalars ("\u202E", "\x1b") make the characters the file check refuses in raw text.
                if (state.PlainText && PackText.FirstForbiddenCharacter(scalar.Value) is { } forbidden)
                    throw new YamlTreeException(DiagnosticCodes.InvalidValue,
                        new("diag.file-forbidden-char", ((int)forbidden.Character).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)), line, column);
                var scalarSize = new Size(1, scalar.Value.Length);
                state.Count(scalarSize, line, column);
                return Remember(state, scalar.Anchor, new YScalar(line, column, scalar.Value, scalar.Style), scalarSize);

            case SequenceStart start:
            {
                parser.MoveNext();
                var items = new List<YNode>();
                var size = new Size(1, 0);
                state.Count(size, line, column);
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    var (item, itemSize) = ReadNode(parser, state, depth + 1);
                    items.Add(item);
                    size += itemSize;
                }
                return Remember(state, start.Anchor, new YSequence(line, column, items), size);
            }

            case MappingStart start:
            {
                parser.MoveNext();
                var entries = new List<KeyValuePair<YScalar, YNode>>();
                var size = new Size(1, 0);
                state.Count(size, line, column);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = parser.Current!;
                    var (key, keySize) = ReadNode(parser, state, depth + 1);
                    if (key is not YScalar scalarKey)
                        throw new YamlTreeException(DiagnosticCodes.InvalidValue, new("diag.yaml-key-not-text"),
                            (int)keyEvent.Start.Line, (int)keyEvent.Start.Column);
                    if (scalarKey.Value.Length > limits.MaxKeyLength)
                        throw Exceeded(new("diag.yaml-key-too-long", limits.MaxKeyLength, PackLoadLimits.HowToRaise(nameof(PackLoadLimits.MaxKeyLength))), key.Line, key.Column, nameof(PackLoadLimits.MaxKeyLength));
                    if (entries.Count == limits.MaxMappingEntries)
                        throw Exceeded(new("diag.yaml-too-many-keys", limits.MaxMappingEntries, PackLoadLimits.HowToRaise(nameof(PackLoadLimits.MaxMappingEntries))), key.Line, key.Column, nameof(PackLoadLimits.MaxMappingEntries));
                    var (value, valueSize) = ReadNode(parser, state, depth + 1);
                    entries.Add(new(scalarKey, value));
                    size = size + keySize + valueSize;
                }
                return Remember(state, start.Anchor, new YMapping(line, column, entries), size);
            }

            default:
                throw new YamlTreeException(DiagnosticCodes.YamlSyntax, new("diag.yaml-unexpected-event", ev.GetType().Name), line, column);
        }
    }

    private static YNode At(YNode node, int line, int column) => node switch
    {
        YScalar scalar => new YScalar(line, column, scalar.Value, scalar.Style),
        YSequence sequence => new YSequence(line, column, sequence.Items),
        YMapping mapping => new YMapping(line, column, mapping.Entries),
        _ => node,
    };

    private static (YNode, Size) Remember(ReadState state, AnchorName anchor, YNode node, Size size)
    {
        if (!anchor.IsEmpty) state.Anchors[anchor.Value] = (node, size);
        return (node, size);
    }

    // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (...): "; we report the position ourselves.
    private static string Clean(string message)
    {
        var index = message.IndexOf("): ", StringComparison.Ordinal);
        return index >= 0 && message.StartsWith('(') ? message[(index + 3)..] : message;
    }
}
