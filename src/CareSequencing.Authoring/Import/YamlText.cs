using System.Globalization;
using System.Text;

namespace CareSequencing.Authoring.Import;

/// <summary>
/// The few YAML forms the imports write, always the same way, so that an import run twice gives the
/// same bytes: text in double quotes with JSON-style escapes, codes and ids bare (they are checked
/// to be plain tokens), LF line ends.
/// </summary>
internal static class YamlText
{
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c)) builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    /// <summary>A bare token: letters, digits and <c>.-_:/</c>, not starting with a YAML indicator.</summary>
    public static string Bare(string token)
    {
        if (token.Length == 0 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':' or '/')
            || token[0] is '-' or ':')
        {
            throw new ArgumentException($"'{token}' is not a plain YAML token", nameof(token));
        }
        return token;
    }

    public static string Localized(string en, string fr) => $"{{ en: {Quote(en)}, fr: {Quote(fr)} }}";

    public static string List(IEnumerable<string> tokens) => "[" + string.Join(", ", tokens.Select(Bare)) + "]";
}
