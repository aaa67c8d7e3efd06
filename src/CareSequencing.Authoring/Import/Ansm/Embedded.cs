namespace CareSequencing.Authoring.Import.Ansm;

/// <summary>The reviewed tables built into the tool (sources in <c>Import/Ansm/Data/</c>).</summary>
internal static class Embedded
{
    public static IEnumerable<string> Lines(string name)
    {
        using var stream = typeof(Embedded).Assembly.GetManifestResourceStream("CareSequencing.Authoring.Import.Ansm." + name)
            ?? throw new InvalidOperationException($"resource {name} missing from the assembly");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }
}
