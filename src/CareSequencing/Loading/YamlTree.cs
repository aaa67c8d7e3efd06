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

    public abstract string KindName { get; }
}

internal sealed class YScalar(int line, int column, string value, ScalarStyle style) : YNode(line, column)
{
    public string Value { get; } = value;

    public ScalarStyle Style { get; } = style;

    public bool IsPlain => Style == ScalarStyle.Plain;

    /// <summary>YAML core schema null: an empty plain scalar, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string KindName => "a scalar";
}

internal sealed class YSequence(int line, int column, IReadOnlyList<YNode> items) : YNode(line, column)
{
    public IReadOnlyList<YNode> Items { get; } = items;

    public override string KindName => "a list";
}

internal sealed class YMapping(int line, int column, IReadOnlyList<KeyValuePair<YScalar, YNode>> entries) : YNode(line, column)
{
    public IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries { get; } = entries;

    public override string KindName => "a mapping";
}

/// <summary>Thrown by <see cref="YamlTreeReader"/> when the text is not well-formed YAML or exceeds a limit.</summary>
internal sealed class YamlTreeException(string code, string message, int line, int column) : Exception(message)
{
    public string Code { get; } = code;

    public int Line { get; } = line;

    public int Column { get; } = column;
}

/// <summary>Builds a <see cref="YNode"/> tree from YamlDotNet's event parser, with limits.</summary>
internal static class YamlTreeReader
{
    /// <summary>Deeper nesting than any sensible pack needs; protects the stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>Nodes in one document, counting each alias expansion, so anchor bombs stop early.</summary>
    public const int MaxNodes = 200_000;

    /// <summary>Reads the single document in <paramref name="text"/>; null for an empty document.</summary>
    public static YNode? Read(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, (YNode Node, int Size)>(StringComparer.Ordinal);
        var nodes = 0;
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _)) return null;
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, anchors, 0, ref nodes).Node;
            parser.Consume<DocumentEnd>();
            if (!parser.TryConsume<StreamEnd>(out _))
            {
                var next = parser.Current!;
                throw new YamlTreeException(DiagnosticCodes.YamlSyntax, "A file holds one YAML document; found a second one.",
                    (int)next.Start.Line, (int)next.Start.Column);
            }
            return root is YScalar { IsNull: true } ? null : root;
        }
        catch (YamlException ex) when (ex is not null)
        {
            throw new YamlTreeException(DiagnosticCodes.YamlSyntax, Clean(ex.Message), (int)ex.Start.Line, (int)ex.Start.Column);
        }
        catch (ArgumentException ex) when (string.Equals(ex.Source, "YamlDotNet", StringComparison.Ordinal))
        {
            // YamlDotNet rejects a malformed tag ("!![int") or an empty %TAG prefix with an ArgumentException
            // (found by fuzzing); report it at the last event read, the closest position it leaves.
            var at = parser.Current?.Start;
            throw new YamlTreeException(DiagnosticCodes.YamlSyntax, "A tag or %TAG directive is not valid.",
                Math.Max(1, (int)(at?.Line ?? 1)), Math.Max(1, (int)(at?.Column ?? 1)));
        }
        catch (InvalidOperationException ex) when (string.Equals(ex.Source, "YamlDotNet", StringComparison.Ordinal))
        {
            // YamlDotNet's scanner throws this, not a YamlException, when a file ends inside a flow collection ("[a, b").
            var (line, column) = EndOf(text);
            throw new YamlTreeException(DiagnosticCodes.YamlSyntax, "The file ends inside an unclosed '[' or '{'.", line, column);
        }
    }

    private static (int Line, int Column) EndOf(string text)
    {
        var trimmed = text.TrimEnd();
        var lastBreak = trimmed.LastIndexOf('\n');
        return (trimmed.Count(c => c == '\n') + 1, trimmed.Length - lastBreak);
    }

    private static (YNode Node, int Size) ReadNode(IParser parser, Dictionary<string, (YNode, int)> anchors, int depth, ref int nodes)
    {
        var ev = parser.Current ?? throw new YamlTreeException(DiagnosticCodes.YamlSyntax, "Unexpected end of file.", 1, 1);
        var line = (int)ev.Start.Line;
        var column = (int)ev.Start.Column;
        if (depth > MaxDepth)
            throw new YamlTreeException(DiagnosticCodes.LimitExceeded, $"Nesting deeper than {MaxDepth} levels.", line, column);

        switch (ev)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                // The alias is not named in the message: in a patient file it may be patient text (found by the property tests).
                if (!anchors.TryGetValue(alias.Value.Value, out var target))
                    throw new YamlTreeException(DiagnosticCodes.YamlSyntax, "Unknown alias: no anchor of that name comes before it.", line, column);
                nodes += target.Item2;
                CheckNodeCount(nodes, line, column);
                return target;

            case Scalar scalar:
                parser.MoveNext();
                nodes++;
                CheckNodeCount(nodes, line, column);
                return Remember(anchors, scalar.Anchor, new YScalar(line, column, scalar.Value, scalar.Style), 1);

            case SequenceStart start:
            {
                parser.MoveNext();
                var items = new List<YNode>();
                var size = 1;
                nodes++;
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    var (item, itemSize) = ReadNode(parser, anchors, depth + 1, ref nodes);
                    items.Add(item);
                    size += itemSize;
                }
                return Remember(anchors, start.Anchor, new YSequence(line, column, items), size);
            }

            case MappingStart start:
            {
                parser.MoveNext();
                var entries = new List<KeyValuePair<YScalar, YNode>>();
                var size = 1;
                nodes++;
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = parser.Current!;
                    var (key, keySize) = ReadNode(parser, anchors, depth + 1, ref nodes);
                    if (key is not YScalar scalarKey)
                        throw new YamlTreeException(DiagnosticCodes.InvalidValue, "Mapping keys must be plain text.",
                            (int)keyEvent.Start.Line, (int)keyEvent.Start.Column);
                    var (value, valueSize) = ReadNode(parser, anchors, depth + 1, ref nodes);
                    entries.Add(new(scalarKey, value));
                    size += keySize + valueSize;
                }
                return Remember(anchors, start.Anchor, new YMapping(line, column, entries), size);
            }

            default:
                throw new YamlTreeException(DiagnosticCodes.YamlSyntax, $"Unexpected YAML event {ev.GetType().Name}.", line, column);
        }
    }

    private static (YNode, int) Remember(Dictionary<string, (YNode, int)> anchors, AnchorName anchor, YNode node, int size)
    {
        if (!anchor.IsEmpty) anchors[anchor.Value] = (node, size);
        return (node, size);
    }

    private static void CheckNodeCount(int nodes, int line, int column)
    {
        if (nodes > MaxNodes)
            throw new YamlTreeException(DiagnosticCodes.LimitExceeded,
                $"The document expands to more than {MaxNodes} nodes (alias expansion?).", line, column);
    }

    // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (...): "; we report the position ourselves.
    private static string Clean(string message)
    {
        var index = message.IndexOf("): ", StringComparison.Ordinal);
        return index >= 0 && message.StartsWith('(') ? message[(index + 3)..] : message;
    }
}
