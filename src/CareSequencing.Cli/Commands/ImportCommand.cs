using System.CommandLine;
using System.Globalization;
using CareSequencing.Authoring.Import.Ansm;
using CareSequencing.Authoring.Import.Terminology;

namespace CareSequencing.Cli.Commands;

/// <summary>
/// <c>caresequencing import ansm --data DIR --out DIR</c>: public reference data in, a deterministic
/// pack out. Exit 0 when the pack was written (what could not be mapped is in its <c>unmapped.tsv</c>),
/// 2 when an input is missing or not in the expected layout.
/// </summary>
internal static class ImportCommand
{
    private const int Success = 0;
    private const int BadInput = 2;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("import", "Import public reference data into a rule pack (reproducible: the same data gives the same files).");
        command.Subcommands.Add(Ansm(stdout, stderr));
        command.Subcommands.Add(Terminology(stdout, stderr));
        return command;
    }

    private static Command Terminology(TextWriter stdout, TextWriter stderr)
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder with the public terminology data: the CPIC drug table, the WHO ICD-10 code list and the WHO ATC/DDD index.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "The folder to write the maps to (src/CareSequencing.Fhir/Terminology/Data); its other files are left alone.", Required = true };
        var atcIndex = new Option<FileInfo?>("--atc-index") { Description = "The WHO ATC/DDD index CSV (read, never shipped). Default: the newest who-atc-ddd-*.csv in --data." };
        var atcNames = new Option<FileInfo?>("--atc-names") { Description = "The packs' ATC codes with their WHO names. Default: rules/reference/atc-codes.tsv in the current folder." };
        var synonyms = new Option<FileInfo?>("--synonyms") { Description = "A reviewed synonym table replacing the built-in one (us_name, who_name, source)." };
        var exceptions = new Option<FileInfo?>("--cm-exceptions") { Description = "A reviewed ICD-10-CM exceptions table replacing the built-in one (cm_code, who_code, source)." };
        var snomed = new Option<FileInfo?>("--snomed-map") { Description = "A reviewed SNOMED CT → ICD-10 table replacing the built-in starter map." };
        var language = CliText.LanguageOption("Language of the messages: en or fr.");
        var command = new Command("terminology", "Build the FHIR package's default terminology maps (RxNorm, ICD-10-CM, SNOMED CT → ATC / WHO ICD-10) from public data.")
        {
            data, output, atcIndex, atcNames, synonyms, exceptions, snomed, language,
        };
        command.SetAction(parse =>
        {
            var lang = parse.GetValue(language)!;
            try
            {
                var result = TerminologyImport.Run(new TerminologyImportOptions
                {
                    DataFolder = parse.GetValue(data)!.FullName,
                    AtcIndexPath = parse.GetValue(atcIndex)?.FullName,
                    AtcNamesPath = parse.GetValue(atcNames)?.FullName ?? Path.GetFullPath(Path.Combine("rules", "reference", "atc-codes.tsv")),
                    SynonymsPath = parse.GetValue(synonyms)?.FullName,
                    ExceptionsPath = parse.GetValue(exceptions)?.FullName,
                    SnomedPath = parse.GetValue(snomed)?.FullName,
                });
                var folder = parse.GetValue(output)!.FullName;
                result.WriteTo(folder);
                stdout.WriteLine(CliText.Get("cli.terminology-summary", lang, result.EntriesWritten, result.RowsRead, result.Unmapped.Count));
                stdout.WriteLine(CliText.Get("cli.import-written", lang, result.Files.Count, folder));
                return Success;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                stderr.WriteLine(CliText.Get("cli.error", lang, ex.Message));
                return BadInput;
            }
        });
        return command;
    }

    private static Command Ansm(TextWriter stdout, TextWriter stderr)
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder with the ANSM thésaurus files (ansm-thesaurus-YYYY-MM-*.tsv) and the WorldVistA name → ATC table.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "The pack folder to write (pack.yaml, rules/, substances.tsv, unmapped.tsv, IMPORT.md); scenarios/ is left alone.", Required = true };
        var atcIndex = new Option<FileInfo?>("--atc-index") { Description = "The WHO ATC/DDD index CSV (the authority on codes). Default: the newest who-atc-ddd-*.csv in ../terminology beside --data." };
        var edition = new Option<string?>("--edition") { Description = "Edition of the pairs, YYYY-MM. Default: the newest in --data." };
        var supplement = new Option<FileInfo?>("--supplement") { Description = "A reviewed name → ATC table replacing the built-in one (ansm_name, atc_codes, who_atc_name, note)." };
        var classNames = new Option<FileInfo?>("--class-names") { Description = "A class-name translation table replacing the built-in one (ansm_class, en)." };
        var packVersion = new Option<string?>("--pack-version") { Description = $"Version written in pack.yaml. Default: {AnsmThesaurusImport.DefaultPackVersion}." };
        var releaseDate = new Option<string?>("--release-date") { Description = "Release date written in pack.yaml (yyyy-mm-dd). Default: the importer's." };
        var language = CliText.LanguageOption("Language of the messages: en or fr.");
        var command = new Command("ansm", "Import the ANSM Thésaurus des interactions médicamenteuses as an ATC-coded interaction pack.")
        {
            data, output, atcIndex, edition, supplement, classNames, packVersion, releaseDate, language,
        };
        command.SetAction(parse =>
        {
            var lang = parse.GetValue(language)!;
            var release = AnsmThesaurusImport.DefaultReleaseDate;
            if (parse.GetValue(releaseDate) is { } text
                && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out release))
            {
                stderr.WriteLine(CliText.Get("cli.error", lang, "--release-date must be a date written yyyy-mm-dd"));
                return BadInput;
            }
            try
            {
                var result = AnsmThesaurusImport.Run(new AnsmImportOptions
                {
                    DataFolder = parse.GetValue(data)!.FullName,
                    AtcIndexPath = parse.GetValue(atcIndex)?.FullName,
                    Edition = parse.GetValue(edition),
                    SupplementPath = parse.GetValue(supplement)?.FullName,
                    ClassNamesPath = parse.GetValue(classNames)?.FullName,
                    PackVersion = parse.GetValue(packVersion) ?? AnsmThesaurusImport.DefaultPackVersion,
                    ReleaseDate = release,
                });
                var folder = parse.GetValue(output)!.FullName;
                result.WriteTo(folder);
                var rows = result.Unmapped.Count(u => u.Kind == "row");
                var members = result.Unmapped.Count(u => u.Kind == "class-member");
                stdout.WriteLine(CliText.Get("cli.import-summary", lang, result.EntriesWritten, result.RowsRead,
                    (100.0 * result.EntriesWritten / Math.Max(1, result.RowsRead)).ToString("0.0", CultureInfo.InvariantCulture), rows, members));
                stdout.WriteLine(CliText.Get("cli.import-written", lang, result.Files.Count, folder));
                return Success;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                stderr.WriteLine(CliText.Get("cli.error", lang, ex.Message));
                return BadInput;
            }
        });
        return command;
    }
}
