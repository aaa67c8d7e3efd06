using System.Globalization;
using System.Text;
using CareSequencing.Model;

namespace CareSequencing.Presentation;

/// <summary>
/// Escaping of everything <see cref="CdsHooksWriter"/> writes into a card: rule texts, citations,
/// patient-derived values (medication names, warning paths) reach an EHR that renders the card's
/// <c>detail</c> as markdown, so none of them may carry markup of its own.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Text"/> backslash-escapes every ASCII punctuation character that starts markdown syntax
/// in CommonMark or its common extensions (GitHub, Markdig): <c>\ ` * _ [ ] &lt; &gt; ! &amp; | ~ # + = : @ $ ^ { } "</c>.
/// With <c>[</c>, <c>&lt;</c> and <c>&amp;</c> escaped no link, image, autolink, raw HTML or entity can
/// start; with <c>:</c> and <c>@</c> escaped no extended autolink (<c>https:</c>, <c>mailto:</c>,
/// <c>user@host</c>) can form, and the <c>.</c> after <c>www</c> is escaped for <c>www.</c> links.
/// Line breaks and every other control or format character (bidi overrides, zero-width) become one
/// space, so a text cannot open a block (heading, list, quote, code, table, HTML block) on a line of
/// its own; a block marker at the start of the text (<c>-</c>, <c>1.</c>, <c>#</c>...) is escaped.
/// Parentheses, commas and most full stops are left as they are, since without <c>[</c> or <c>]</c>
/// they build nothing, and the markdown stays readable.
/// </para>
/// <para>
/// <see cref="Code"/> writes a code span when the value has no backtick (a renderer shows its content
/// literally, HTML-escaped); otherwise escaped text. <see cref="Link"/> writes an autolink only for a
/// URL <see cref="WebUrl"/> accepts, whose characters cannot end the autolink.
/// </para>
/// </remarks>
internal static class CardMarkdown
{
    private const string Escaped = "\\`*_[]<>!&|~#+=:@$^{}\"";

    /// <summary>Inline text: every markdown-active character escaped, one line.</summary>
    /// <param name="text">The text.</param>
    /// <param name="lineStart">Whether it starts a line (or a list item), where a list marker such as <c>1.</c> would open a block.</param>
    public static string Text(string? text, bool lineStart = true)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var flat = PlainText(text);
        var md = new StringBuilder(flat.Length + 16);
        for (var i = 0; i < flat.Length; i++)
        {
            var c = flat[i];
            if (Escaped.Contains(c, StringComparison.Ordinal)
                || (c == '.' && i >= 3 && string.Compare(flat, i - 3, "www", 0, 3, StringComparison.OrdinalIgnoreCase) == 0))
                md.Append('\\');
            md.Append(c);
        }
        if (lineStart) EscapeBlockStart(md);
        return md.ToString();
    }

    /// <summary>A code span for ids and expressions; escaped text when the value holds a backtick.</summary>
    public static string Code(string? value)
    {
        var flat = PlainText(value ?? "");
        if (flat.Length == 0) return "";
        return flat.Contains('`', StringComparison.Ordinal) ? Text(flat) : "`" + flat + "`";
    }

    /// <summary>An autolink for a URL <see cref="WebUrl"/> accepts; nothing for any other.</summary>
    public static string Link(string? url) => WebUrl.IsAllowed(url) ? "<" + url + ">" : "";

    /// <summary>
    /// Text for the card's plain-text fields (summary, labels, displays): line breaks, control and format
    /// characters become one space, runs of spaces one space, trimmed. Not markdown-escaped: CDS Hooks
    /// defines these fields as plain text, so a backslash would show.
    /// </summary>
    public static string PlainText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c) || char.IsControl(c)
                || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                space = sb.Length > 0;
                continue;
            }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    // A text that starts a line could open a block: a list ("-", "+", "1.", "a)"), a heading or a
    // setext underline ("#", "="), a quote (">"), a thematic break ("*", "_", "-"). Those marks other
    // than '-', '.' and ')' are escaped everywhere already.
    private static void EscapeBlockStart(StringBuilder md)
    {
        if (md.Length == 0) return;
        if (md[0] == '-')
        {
            md.Insert(0, '\\');
            return;
        }
        // "1." and "1)" in CommonMark; "a.", "iv)" with the list extras of some renderers.
        var marker = 0;
        while (marker < md.Length && marker < 10 && char.IsAsciiLetterOrDigit(md[marker])) marker++;
        if (marker == 0 || marker >= md.Length || md[marker] is not ('.' or ')')) return;
        var run = md.ToString(0, marker);
        if (run.All(char.IsAsciiDigit) || run.Length == 1 || run.All(c => "ivxlcdmIVXLCDM".Contains(c, StringComparison.Ordinal)))
            md.Insert(marker, '\\');
    }
}
