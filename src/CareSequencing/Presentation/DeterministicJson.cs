using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CareSequencing.Presentation;

/// <summary>
/// The one way this project writes JSON: indented, LF line endings, accented text kept readable
/// (the output is JSON text, not HTML), properties in the order the writer emits them. Every writer
/// goes through here so that the same value always gives byte-identical JSON.
/// </summary>
internal static class DeterministicJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            write(json);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
