using System.Text;
using System.Text.Json;

namespace CareSequencing.Loading;

/// <summary>
/// A strict JSON pass (System.Text.Json: no comments, no trailing commas) over text that claims to be JSON. The patient
/// reader reads JSON as YAML's flow style, which accepts invalid JSON (a missing comma, a trailing one) and reports
/// real syntax errors as YAML errors; this pass reports them as JSON, at their 1-based line and column.
/// </summary>
internal static class JsonSyntax
{
    /// <summary>
    /// Checks the whole text and returns the root object's <c>resourceType</c> member: absent (<c>Present</c> false),
    /// a string (<c>Value</c>), or another kind of value (<c>Present</c> true, <c>Value</c> null).
    /// </summary>
    /// <exception cref="PatientContextFormatException">The text is not valid JSON (CSQ3010, at the error's line and column).</exception>
    public static (bool Present, string? Value) Check(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        // Depth is each reader's own limit (patient or FHIR), reported with its name: not a syntax error here.
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 1 << 20 });
        (bool, string?) resourceType = (false, null);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("resourceType"u8))
                {
                    reader.Read();
                    resourceType = (true, reader.TokenType == JsonTokenType.String ? reader.GetString() : null);
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                }
            }
        }
        catch (JsonException e)
        {
            var (line, column) = Position(bytes, e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            throw new PatientContextFormatException("Invalid JSON: " + Describe(e.Message), line, column);
        }
        return resourceType;
    }

    // System.Text.Json counts lines from 0 and bytes within the line; an editor counts characters from 1.
    private static (int Line, int Column) Position(byte[] bytes, long lineIndex, long byteInLine)
    {
        var start = 0;
        for (long seen = 0; seen < lineIndex && start < bytes.Length; start++)
        {
            if (bytes[start] == (byte)'\n') seen++;
        }
        var length = (int)Math.Clamp(byteInLine, 0, bytes.Length - start);
        var column = Encoding.UTF8.GetCharCount(bytes, start, length) + 1;
        return ((int)Math.Min(lineIndex + 1, int.MaxValue), column);
    }

    // The reader's sentence names the token it met (one character, or a literal such as 'true'), not the text around
    // it; its own path and position are cut, the position being given in editor form.
    private static string Describe(string message)
    {
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) message = message[..at];
        }
        message = message.Trim();
        return message.EndsWith('|') ? message.TrimEnd('|', ' ') : message;
    }
}
