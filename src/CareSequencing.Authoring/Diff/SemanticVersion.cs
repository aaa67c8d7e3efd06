using System.Globalization;

namespace CareSequencing.Authoring.Diff;

/// <summary>Semantic Versioning 2.0 precedence for the versions packs carry (already validated by the loader).</summary>
internal static class SemanticVersion
{
    /// <summary>Negative when <paramref name="x"/> precedes <paramref name="y"/>, zero when equal in precedence, positive otherwise.</summary>
    public static int Compare(string x, string y)
    {
        var (xCore, xPre) = Split(x);
        var (yCore, yPre) = Split(y);
        for (var i = 0; i < 3; i++)
        {
            var byPart = Number(xCore, i).CompareTo(Number(yCore, i));
            if (byPart != 0) return byPart;
        }
        // A pre-release precedes its release: 1.0.0-rc.1 < 1.0.0.
        if (xPre is null || yPre is null) return (xPre is null ? 1 : 0) - (yPre is null ? 1 : 0);

        var xIds = xPre.Split('.');
        var yIds = yPre.Split('.');
        for (var i = 0; i < Math.Min(xIds.Length, yIds.Length); i++)
        {
            var xNumeric = long.TryParse(xIds[i], NumberStyles.None, CultureInfo.InvariantCulture, out var xn);
            var yNumeric = long.TryParse(yIds[i], NumberStyles.None, CultureInfo.InvariantCulture, out var yn);
            var byId = (xNumeric, yNumeric) switch
            {
                (true, true) => xn.CompareTo(yn),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(xIds[i], yIds[i]),
            };
            if (byId != 0) return Math.Sign(byId);
        }
        return xIds.Length.CompareTo(yIds.Length);
    }

    private static (string[] Core, string? PreRelease) Split(string version)
    {
        var dash = version.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? (version.Split('.'), null) : (version[..dash].Split('.'), version[(dash + 1)..]);
    }

    private static long Number(string[] core, int index) =>
        index < core.Length && long.TryParse(core[index], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
