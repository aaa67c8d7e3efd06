using System.Globalization;

namespace CareSequencing.Authoring.Import.Terminology;

/// <summary>The reviewed input tables and the WHO ICD-10 code list: checked, then copied with their rows.</summary>
internal static partial class TerminologyImport
{
    private const string SynonymsFile = "rxnorm-synonyms.tsv";
    private const string ExceptionsFile = "icd10cm-exceptions.tsv";
    private const string SnomedFile = "snomed-icd10.tsv";
    private const string Reviewed = "reviewed CareSequencing input table (src/CareSequencing.Authoring/Import/Terminology/Data), each row citing its source";

    private static string Row(int line) => line.ToString(CultureInfo.InvariantCulture);

    private static MapFile Synonyms(TerminologyImportOptions options, HashSet<string> names, List<UnmappedItem> unmapped)
    {
        var file = new MapFile("rxnorm-synonyms", options.Edition,
            "US (USAN/USP) and brand names seen in RxNorm → the WHO ATC (INN) name the atc-names table knows.",
            "us_name", "who_name", "source", "source_file", "source_row")
            .Source($"{SynonymsFile}: {Reviewed}");
        foreach (var row in Embedded.Rows(SynonymsFile, options.SynonymsPath))
        {
            var (us, whoName, source) = (NormalName(row[0]), NormalName(row[1]), row[2].Trim());
            if (us.Length == 0 || whoName.Length == 0 || source.Length == 0)
                unmapped.Add(new("synonym", SynonymsFile, row.Line, us, whoName, "a row needs a US name, a WHO name and a source"));
            else if (!names.Contains(whoName))
                unmapped.Add(new("synonym", SynonymsFile, row.Line, us, whoName, "the WHO name is not in atc-names"));
            else file.Add(us, whoName, source, SynonymsFile, Row(row.Line));
        }
        return file;
    }

    private static MapFile Icd10Codes(WhoIcd10List icd, string edition)
    {
        var file = new MapFile("icd10-who", edition,
            "The WHO ICD-10 codes (3 and 4 characters), codes only: the list an ICD-10-CM code's parent is checked against.",
            "code", "source_file", "source_row")
            .Source(Icd10Source);
        foreach (var (code, line) in icd.Codes) file.Add(code, icd.FileName, Row(line));
        return file;
    }

    private static MapFile Exceptions(TerminologyImportOptions options, WhoIcd10List icd, List<UnmappedItem> unmapped)
    {
        var file = new MapFile("icd10cm-exceptions", options.Edition,
            "ICD-10-CM codes or categories (a prefix) that WHO lacks or defines differently → the WHO code to read, or empty: explicitly unmapped. Read before the parent rule.",
            "cm_code", "who_code", "source", "source_file", "source_row")
            .Source($"{ExceptionsFile}: {Reviewed}").Source(Icd10Source);
        foreach (var row in Embedded.Rows(ExceptionsFile, options.ExceptionsPath))
        {
            var (cm, target, source) = (row[0].Trim().ToUpperInvariant(), row[1].Trim().ToUpperInvariant(), row[2].Trim());
            if (cm.Length < 3 || source.Length == 0)
                unmapped.Add(new("cm-exception", ExceptionsFile, row.Line, cm, target, "a row needs an ICD-10-CM code and a source"));
            else if (target.Length > 0 && !icd.Contains(target))
                unmapped.Add(new("cm-exception", ExceptionsFile, row.Line, cm, target, "the WHO code is not in the WHO ICD-10 list"));
            else file.Add(cm, target, source, ExceptionsFile, Row(row.Line));
        }
        return file;
    }

    private static MapFile Snomed(TerminologyImportOptions options, WhoIcd10List icd, List<UnmappedItem> unmapped)
    {
        var file = new MapFile("snomed-icd10", options.Edition,
            "SNOMED CT condition concepts seen in real-shaped bundles → WHO ICD-10. NOT AUTHORITATIVE: a CareSequencing starter map reviewed by name; a host with a SNOMED CT licence should use the official map or a terminology server.",
            "snomed_id", "snomed_display", "icd10", "note", "source_file", "source_row")
            // The WHO title of each row is checked at import, not shipped: ICD-10 titles are WHO content (see the data README).
            .Source($"{SnomedFile}: {Reviewed}").Source(Icd10Source + " (the WHO title of each row is checked against it at import; titles are not shipped)");
        foreach (var row in Embedded.Rows(SnomedFile, options.SnomedPath))
        {
            var (id, display, code, title, note) = (row[0].Trim(), row[1].Trim(), row[2].Trim().ToUpperInvariant(), row[3].Trim(), row[4].Trim());
            if (id.Length == 0 || !id.All(char.IsAsciiDigit))
                unmapped.Add(new("snomed", SnomedFile, row.Line, id, display, "not a SNOMED CT identifier"));
            else if (code.Length == 0)
                unmapped.Add(new("snomed", SnomedFile, row.Line, id, display, note.Length > 0 ? note : "not mapped"));
            else if (icd.TitleOf(code) is not { } whoTitle)
                unmapped.Add(new("snomed", SnomedFile, row.Line, id, display, $"{code} is not in the WHO ICD-10 list"));
            else if (!string.Equals(whoTitle, title, StringComparison.Ordinal))
                unmapped.Add(new("snomed", SnomedFile, row.Line, id, display, $"the title given for {code} is not the WHO title"));
            else file.Add(id, display, code, note, SnomedFile, Row(row.Line));
        }
        return file;
    }
}
