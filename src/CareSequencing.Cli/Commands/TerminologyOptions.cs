using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using CareSequencing.Fhir;
using CareSequencing.Fhir.Terminology;

namespace CareSequencing.Cli.Commands;

/// <summary>
/// The flags that plug a host's terminology into FHIR input: <c>--concept-map PATH</c> (repeatable; a ConceptMap JSON
/// file, a Bundle of them, or a folder of them), <c>--terminology-server URL</c> (a FHIR server's
/// <c>ConceptMap/$translate</c>) and <c>--terminology-timeout SECONDS</c>. The maps are read while the command line is
/// parsed, so a map that cannot be read is a usage error naming its file, line and column, like any bad flag.
/// </summary>
internal sealed class TerminologyOptions
{
    private const double MaxTimeoutSeconds = 600;

    private readonly Option<ConceptMapTranslator[]> _conceptMaps = new("--concept-map")
    {
        Description = "A FHIR R4 ConceptMap (JSON file, Bundle of ConceptMaps, or folder of *.json) translating the host's codes (CIP13, RxNorm...) to WHO ATC or ICD-10; repeat for several, asked in the order given, before the shipped maps.",
        HelpName = "PATH",
        CustomParser = ReadMaps,
    };

    private readonly Option<Uri?> _server = new("--terminology-server")
    {
        Description = "A FHIR terminology server's base URL: its ConceptMap/$translate is asked after the --concept-map files and before the shipped maps.",
        HelpName = "URL",
        CustomParser = ReadServer,
    };

    private readonly Option<double?> _timeout = new("--terminology-timeout")
    {
        Description = "Seconds one $translate may take before it is reported as a failure (default 5, FhirTerminologyServerOptions.Timeout).",
        HelpName = "SECONDS",
        CustomParser = ReadTimeout,
    };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_conceptMaps);
        command.Options.Add(_server);
        command.Options.Add(_timeout);
        command.Validators.Add(result =>
        {
            if (result.GetResult(_timeout) is { Implicit: false } && result.GetResult(_server) is null)
                result.AddError("--terminology-timeout needs --terminology-server.");
        });
    }

    /// <summary>
    /// The translators the flags ask for, in the order they are asked: the concept maps as given, then the server.
    /// The server translator is created here, once per run; the process ends with the command, so it is not disposed.
    /// </summary>
    public IReadOnlyList<ICodeTranslator> Translators(ParseResult parse)
    {
        var translators = new List<ICodeTranslator>(parse.GetValue(_conceptMaps) ?? []);
        if (parse.GetValue(_server) is { } server)
        {
            var options = new FhirTerminologyServerOptions { BaseUri = server };
            if (parse.GetValue(_timeout) is { } seconds) options.Timeout = TimeSpan.FromSeconds(seconds);
            translators.Add(new FhirTerminologyServerTranslator(options));
        }
        return translators;
    }

    /// <summary>Puts the translators of the flags before those <paramref name="options"/> already holds (the shipped default maps).</summary>
    public FhirMappingOptions Apply(ParseResult parse, FhirMappingOptions options)
    {
        var translators = Translators(parse);
        for (var i = translators.Count - 1; i >= 0; i--) options.Translators.Insert(0, translators[i]);
        return options;
    }

    private static ConceptMapTranslator[] ReadMaps(ArgumentResult result)
    {
        var maps = new List<ConceptMapTranslator>();
        foreach (var token in result.Tokens)
        {
            try
            {
                maps.Add(ConceptMapTranslator.FromPath(token.Value));
            }
            catch (ConceptMapException e)
            {
                result.AddError("--concept-map " + e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                result.AddError($"--concept-map {token.Value}: cannot be read ({e.Message})");
            }
        }
        return [.. maps];
    }

    private static Uri? ReadServer(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)) return uri;
        result.AddError("--terminology-server must be an absolute http or https URL, e.g. https://tx.example.org/fhir.");
        return null;
    }

    private static double? ReadTimeout(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= MaxTimeoutSeconds) return seconds;
        result.AddError(string.Create(CultureInfo.InvariantCulture, $"--terminology-timeout must be a number of seconds greater than 0 and at most {MaxTimeoutSeconds}."));
        return null;
    }
}
