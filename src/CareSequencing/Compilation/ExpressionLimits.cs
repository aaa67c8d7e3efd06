using CareSequencing.Model;

namespace CareSequencing.Compilation;

/// <summary>A condition over a size limit (CSQ2005), with the offset in the condition to point at.</summary>
internal sealed record LimitViolation(MessageText Message, int Offset);

/// <summary>
/// Size limits on a condition, so that loading and evaluating a pack is bounded work whatever its
/// author wrote. The parser and the tree visitors recurse once per nesting level: a condition such as
/// ten thousand opening parentheses would overflow the stack, and a stack overflow ends the host's
/// process, it cannot be caught. So the text is measured with a flat scan <em>before</em> it is
/// parsed, and only then parsed. The values sit far above every shipped condition (longest 1,095
/// characters, nesting 4, 220 tokens, 31 fact reads) and are listed in docs/reliability.md.
/// </summary>
internal static class ExpressionLimits
{
    /// <summary>Characters in one condition.</summary>
    public const int MaxLength = 8192;

    /// <summary>Open parentheses and brackets at one point, or prefix operators (<c>!</c>, <c>-</c>, <c>~</c>) in a row.</summary>
    public const int MaxDepth = 32;

    /// <summary>
    /// Tokens (names, literals, operators, punctuation) in one condition. It bounds the size of the
    /// tree, hence the depth of a chain like <c>a + a + … + a</c>, which the parser builds without
    /// recursing but every visitor and the compiler walk recursively.
    /// </summary>
    public const int MaxTokens = 2048;

    /// <summary>
    /// <c>facts.*</c> helper calls and property reads in one condition: each may walk one of the
    /// patient's lists, so a condition's evaluation costs at most this many list walks.
    /// </summary>
    public const int MaxFactReads = 256;

    /// <summary>Measures <paramref name="text"/> without parsing it; null when it is within the limits.</summary>
    public static LimitViolation? CheckText(string text)
    {
        if (text.Length > MaxLength) return new(new("diag.expression-too-long", text.Length, MaxLength), MaxLength);

        var depth = 0;
        var prefixRun = 0;
        var tokens = 0;
        var previousEndsOperand = false;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var start = i;
            var endsOperand = true;
            if (c is '"' or '\'')
            {
                // A literal, escapes included: its brackets and operators are text, not structure.
                i++;
                while (i < text.Length && text[i] != c) i += text[i] == '\\' ? 2 : 1;
                i = Math.Min(i + 1, text.Length);
            }
            else if (IsWordStart(text, i))
            {
                i++; // '@' starts a word ("@0") without continuing one
                while (i < text.Length && IsWordPart(text, i)) i++;
                // Word operators: "not not x" nests like "!!x"; after "and"/"or" a prefix may follow.
                endsOperand = text.AsSpan(start, i - start) is not ("not" or "and" or "or");
            }
            else
            {
                i++;
                endsOperand = c is ')' or ']';
                if (c is '(' or '[' or '{')
                {
                    if (++depth > MaxDepth) return new(new("diag.expression-too-deep", MaxDepth), start);
                }
                else if (c is ')' or ']' or '}')
                {
                    depth = Math.Max(0, depth - 1);
                }
            }

            // A prefix operator is one that follows an operator or opens the text: "!!!!x", "- - -x".
            var isPrefix = !previousEndsOperand && (c is '!' or '-' or '+' or '~' || text.AsSpan(start, i - start) is "not");
            prefixRun = isPrefix ? prefixRun + 1 : 0;
            if (prefixRun > MaxDepth) return new(new("diag.expression-too-deep", MaxDepth), start);
            if (++tokens > MaxTokens) return new(new("diag.expression-too-many-tokens", MaxTokens), start);
            previousEndsOperand = endsOperand;
        }
        return null;
    }

    // Numbers with a decimal point ("2.5") are one token; "facts.Age" is three.
    private static bool IsWordStart(string text, int i) =>
        char.IsLetterOrDigit(text[i]) || text[i] is '_' or '@';

    private static bool IsWordPart(string text, int i) =>
        char.IsLetterOrDigit(text[i]) || text[i] == '_'
        || (text[i] == '.' && i > 0 && char.IsDigit(text[i - 1]) && i + 1 < text.Length && char.IsDigit(text[i + 1]));
}
