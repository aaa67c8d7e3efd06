namespace CareSequencing.Fhir.Terminology;

/// <summary>
/// Chooses, among the level-5 ATC codes of one substance, the one its form or route points to: WHO files a substance
/// under each use (hydrocortisone: H02AB09 systemic, D07AA02 skin, S01BA02 eye...). When the form does not decide, no
/// code is chosen: a wrong class of the right substance could raise or hide advice, so the caller reports it.
/// </summary>
internal static class AtcChoice
{
    // ATC groups of locally acting products; everything else is taken as systemic.
    private static readonly string[] LocalGroups = ["D", "S", "A01", "A06AG", "B02BC", "C05", "G01", "G02CC", "M02", "R01", "R02"];

    /// <summary>The chosen candidate, or null when none or several are left.</summary>
    public static AtcCandidate? Choose(IReadOnlyList<AtcCandidate> candidates, string? form)
    {
        if (candidates.Count == 0) return null;
        // An ingredient is read on its own: a code of a WHO combination group is for products of several substances.
        IReadOnlyList<AtcCandidate> pool = candidates.Any(c => !c.Combination) ? [.. candidates.Where(c => !c.Combination)] : candidates;
        if (pool.Count == 1) return pool[0];

        var route = DoseForms.RouteOf(form);
        var groups = route switch
        {
            AdministrationRoute.Dermal => ["D", "M02"],
            AdministrationRoute.Ophthalmic => ["S01", "S03"],
            AdministrationRoute.Otic => ["S02", "S03"],
            AdministrationRoute.Nasal => ["R01"],
            AdministrationRoute.Inhalation => ["R03"],
            AdministrationRoute.Vaginal => ["G01", "G02CC"],
            _ => (string[]?)null,
        };
        pool = groups is not null
            ? [.. pool.Where(c => groups.Any(g => c.Code.StartsWith(g, StringComparison.Ordinal)))]
            : route == AdministrationRoute.Rectal ? pool
            : [.. pool.Where(c => !LocalGroups.Any(g => c.Code.StartsWith(g, StringComparison.Ordinal)))];
        if (pool.Count > 1 && DddRoute(route) is { } ddd)
        {
            var byDdd = pool.Where(c => c.DddRoutes.Any(r => r.StartsWith(ddd, StringComparison.Ordinal))).ToList();
            if (byDdd.Count > 0) pool = byDdd;
        }
        return pool.Count == 1 ? pool[0] : null;
    }

    // The WHO DDD route letters (O oral, P parenteral, Inhal..., N nasal, SL sublingual, TD transdermal, R rectal, V vaginal).
    private static string? DddRoute(AdministrationRoute route) => route switch
    {
        AdministrationRoute.Oral => "O",
        AdministrationRoute.Parenteral => "P",
        AdministrationRoute.Inhalation => "Inhal",
        AdministrationRoute.Nasal => "N",
        AdministrationRoute.Oromucosal => "SL",
        AdministrationRoute.Transdermal => "TD",
        AdministrationRoute.Rectal => "R",
        AdministrationRoute.Vaginal => "V",
        _ => null,
    };
}
