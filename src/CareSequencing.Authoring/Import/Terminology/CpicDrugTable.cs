namespace CareSequencing.Authoring.Import.Terminology;

/// <summary>One row of the CPIC drug table: an RxNorm ingredient (or an ATC class row) and the ATC codes CPIC gives it.</summary>
internal sealed record CpicDrug(int Line, string CpicId, string Name, string Rxcui, IReadOnlyList<string> AtcCodes);

/// <summary>Reader of <c>cpic-drug-rxnorm-drugbank-atc.tsv</c> (CPIC, CC0): <c>cpic_drugid, name, pharmgkb_id, rxnorm_rxcui, drugbank_id, atc_codes</c>.</summary>
internal static class CpicDrugTable
{
    public const string FileName = "cpic-drug-rxnorm-drugbank-atc.tsv";

    public static IReadOnlyList<CpicDrug> Load(string path)
    {
        var drugs = new List<CpicDrug>();
        foreach (var row in DelimitedText.ReadTsv(path))
        {
            if (row.Cells.Count < 6) throw new FormatException($"{FileName}:{row.Line}: expected 6 tab-separated columns");
            drugs.Add(new CpicDrug(row.Line, row[0].Trim(), row[1].Trim(), row[3].Trim(),
                row[5].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        }
        if (drugs.Count == 0) throw new FormatException($"{FileName}: no row");
        return drugs;
    }
}
