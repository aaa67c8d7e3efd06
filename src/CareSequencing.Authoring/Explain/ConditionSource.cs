using System.Linq.Expressions;
using System.Text;
using CareSequencing.Compilation;

namespace CareSequencing.Authoring.Explain;

/// <summary>A token range [<see cref="Lo"/>, <see cref="Hi"/>) of a condition's text.</summary>
internal readonly record struct TokenRange(int Lo, int Hi)
{
    public bool IsEmpty => Hi <= Lo;
}

internal enum TokenKind
{
    Identifier,
    Literal,
    Operator,
    Open,
    Close,
    Comma,
    Dot,
}

internal readonly record struct Token(TokenKind Kind, string Text, int Start, int End);

/// <summary>
/// Maps the nodes of a parsed condition back to the text they came from. Expression trees carry no
/// positions, so the text is tokenised and split the way the parser groups it (the last operator
/// of the node's precedence outside parentheses, since the operators are left-associative); every
/// span found is then parsed again and compared with the node, so a span is shown only when it is
/// exactly that node's source. When it is not (a rewrite by the parser, such as a string comparison
/// becoming <c>string.Compare</c>), the node is rendered instead.
/// </summary>
internal sealed class ConditionSource
{
    private static readonly string[] TwoCharOperators = ["&&", "||", "==", "!=", "<>", "<=", ">=", "??"];
    private static readonly HashSet<string> WordOperators = new(StringComparer.OrdinalIgnoreCase) { "and", "or", "not", "mod" };

    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly int[] _partner;
    private readonly ParameterExpression _facts;

    public ConditionSource(string text, ParameterExpression facts)
    {
        _text = text;
        _facts = facts;
        _tokens = Tokenize(text);
        _partner = MatchParentheses(_tokens);
    }

    public TokenRange All => new(0, _tokens.Count);

    public int StartOf(TokenRange range) => _tokens[range.Lo].Start;

    public int EndOf(TokenRange range) => _tokens[range.Hi - 1].End;

    /// <summary>The range without parentheses that enclose all of it.</summary>
    public TokenRange Strip(TokenRange range)
    {
        while (!range.IsEmpty && _tokens[range.Lo].Kind == TokenKind.Open && _partner[range.Lo] == range.Hi - 1)
            range = new(range.Lo + 1, range.Hi - 1);
        return range;
    }

    /// <summary>True when the range's text parses to the same tree as <paramref name="node"/>.</summary>
    public bool IsSourceOf(Expression node, TokenRange range)
    {
        if (range.IsEmpty) return false;
        // Written the way the node renders: the same tree, without the cost of parsing it again.
        if (string.Equals(OneLine(range), ConditionRenderer.Render(node), StringComparison.Ordinal)) return true;
        var parsed = ConditionCompiler.TryParseFragment(Text(range), _facts, node.Type);
        return parsed is not null && string.Equals(parsed.ToString(), node.ToString(), StringComparison.Ordinal);
    }

    public string Text(TokenRange range) => _text[StartOf(range)..EndOf(range)];

    /// <summary>The range's text on one line: line breaks and indentation between tokens become one space.</summary>
    public string OneLine(TokenRange range)
    {
        var builder = new StringBuilder();
        for (var i = range.Lo; i < range.Hi; i++)
        {
            if (i > range.Lo && _tokens[i].Start > _tokens[i - 1].End) builder.Append(' ');
            builder.Append(_text, _tokens[i].Start, _tokens[i].End - _tokens[i].Start);
        }
        return builder.ToString();
    }

    /// <summary>Splits a binary operation at its operator: the last one of its precedence outside parentheses.</summary>
    public (TokenRange Left, TokenRange Right)? SplitBinary(ExpressionType type, TokenRange range)
    {
        var operators = OperatorsOf(type);
        if (operators is null) return null;
        var depth = 0;
        var found = -1;
        for (var i = range.Lo; i < range.Hi; i++)
        {
            var token = _tokens[i];
            if (token.Kind == TokenKind.Open) depth++;
            else if (token.Kind == TokenKind.Close) depth--;
            else if (depth == 0 && token.Kind == TokenKind.Operator && operators.Contains(token.Text) && IsBinaryAt(i, range)) found = i;
        }
        return found < 0 ? null : (new(range.Lo, found), new(found + 1, range.Hi));
    }

    /// <summary>The operand of a leading <c>!</c>, <c>not</c> or <c>-</c>.</summary>
    public TokenRange? UnaryOperand(TokenRange range) =>
        !range.IsEmpty && _tokens[range.Lo] is { Kind: TokenKind.Operator, Text: "!" or "not" or "-" } ? new(range.Lo + 1, range.Hi) : null;

    /// <summary>The three parts of <c>test ? a : b</c> or <c>iif(test, a, b)</c>.</summary>
    public (TokenRange Test, TokenRange IfTrue, TokenRange IfFalse)? SplitConditional(TokenRange range)
    {
        if (range.IsEmpty) return null;
        if (_tokens[range.Lo] is { Kind: TokenKind.Identifier } first && string.Equals(first.Text, "iif", StringComparison.OrdinalIgnoreCase)
            && range.Hi - range.Lo > 2 && _tokens[range.Lo + 1].Kind == TokenKind.Open && _partner[range.Lo + 1] == range.Hi - 1)
        {
            var commas = new List<int>();
            var depth = 0;
            for (var i = range.Lo + 2; i < range.Hi - 1; i++)
            {
                if (_tokens[i].Kind == TokenKind.Open) depth++;
                else if (_tokens[i].Kind == TokenKind.Close) depth--;
                else if (depth == 0 && _tokens[i].Kind == TokenKind.Comma) commas.Add(i);
            }
            return commas.Count != 2 ? null
                : (new(range.Lo + 2, commas[0]), new(commas[0] + 1, commas[1]), new(commas[1] + 1, range.Hi - 1));
        }

        int question = -1, colon = -1, nested = 0, level = 0;
        for (var i = range.Lo; i < range.Hi && colon < 0; i++)
        {
            var token = _tokens[i];
            if (token.Kind == TokenKind.Open) level++;
            else if (token.Kind == TokenKind.Close) level--;
            else if (level != 0 || token.Kind != TokenKind.Operator) continue;
            else if (token.Text == "?" && question < 0) question = i;
            else if (token.Text == "?") nested++;
            else if (token.Text == ":" && question >= 0 && nested-- == 0) colon = i;
        }
        return question < 0 || colon < 0 ? null
            : (new(range.Lo, question), new(question + 1, colon), new(colon + 1, range.Hi));
    }

    private static HashSet<string>? OperatorsOf(ExpressionType type) => type switch
    {
        ExpressionType.OrElse => ["||", "or"],
        ExpressionType.AndAlso => ["&&", "and"],
        ExpressionType.Or => ["|"],
        ExpressionType.And => ["&"],
        ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual
            or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual => ["==", "=", "!=", "<>", "<", "<=", ">", ">="],
        ExpressionType.Add or ExpressionType.Subtract => ["+", "-"],
        ExpressionType.Multiply or ExpressionType.Divide or ExpressionType.Modulo => ["*", "/", "%", "mod"],
        _ => null,
    };

    // "a - -1": a '+' or '-' that follows an operator (or starts the range) is a sign, not the operation.
    private bool IsBinaryAt(int index, TokenRange range)
    {
        if (_tokens[index].Text is not ("+" or "-")) return true;
        if (index == range.Lo) return false;
        return _tokens[index - 1].Kind is TokenKind.Identifier or TokenKind.Literal or TokenKind.Close;
    }

    private static int[] MatchParentheses(List<Token> tokens)
    {
        var partner = new int[tokens.Count];
        Array.Fill(partner, -1);
        var open = new Stack<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.Open) open.Push(i);
            else if (tokens[i].Kind == TokenKind.Close && open.Count > 0)
            {
                var opening = open.Pop();
                partner[opening] = i;
                partner[i] = opening;
            }
        }
        return partner;
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var start = i;
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (c is '"' or '\'')
            {
                i++;
                while (i < text.Length)
                {
                    if (text[i] == '\\') i += 2;
                    else if (text[i] == c && i + 1 < text.Length && text[i + 1] == c) i += 2; // a doubled quote inside
                    else if (text[i] == c) break;
                    else i++;
                }
                i = Math.Min(i + 1, text.Length);
                tokens.Add(new(TokenKind.Literal, text[start..i], start, i));
            }
            else if (char.IsAsciiLetter(c) || c is '_' or '@')
            {
                i++;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
                var word = text[start..i];
                var afterDot = tokens.Count > 0 && tokens[^1].Kind == TokenKind.Dot;
                tokens.Add(!afterDot && WordOperators.Contains(word)
                    ? new(TokenKind.Operator, word.ToLowerInvariant(), start, i)
                    : new(TokenKind.Identifier, word, start, i));
            }
            else if (char.IsAsciiDigit(c))
            {
                i = EndOfNumber(text, i);
                tokens.Add(new(TokenKind.Literal, text[start..i], start, i));
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : null;
                var length = two is not null && TwoCharOperators.Contains(two) ? 2 : 1;
                i += length;
                var kind = c switch
                {
                    '(' => TokenKind.Open,
                    ')' => TokenKind.Close,
                    ',' => TokenKind.Comma,
                    '.' when length == 1 => TokenKind.Dot,
                    _ => TokenKind.Operator,
                };
                tokens.Add(new(kind, text[start..i], start, i));
            }
        }
        return tokens;
    }

    private static int EndOfNumber(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-') j++;
            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                i = j;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            }
        }
        while (i < text.Length && char.IsAsciiLetter(text[i])) i++; // suffixes: 1L, 2.5m, 1.0f
        return i;
    }
}
