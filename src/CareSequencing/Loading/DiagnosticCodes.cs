namespace CareSequencing.Loading;

/// <summary>
/// Stable diagnostic codes. Never renumber: rule authors, CI logs and docs refer to them.
/// CSQ1xxx: pack and rule files. CSQ2xxx: condition expressions. CSQ3xxx: patient input (warnings in advice).
/// </summary>
internal static class DiagnosticCodes
{
    public const string YamlSyntax = "CSQ1001";
    public const string UnknownKey = "CSQ1002";
    public const string DuplicateRuleId = "CSQ1003";
    public const string MissingKey = "CSQ1004";
    public const string InvalidValue = "CSQ1005";
    public const string DuplicateKey = "CSQ1006";
    public const string InvalidVersion = "CSQ1007";
    public const string UnknownSourceReference = "CSQ1008";
    public const string InvalidCode = "CSQ1009";
    public const string MissingManifest = "CSQ1010";
    public const string UnsupportedSchemaVersion = "CSQ1011";
    public const string MissingTranslation = "CSQ1012";
    public const string UnknownPlaceholder = "CSQ1013";
    public const string MissingSources = "CSQ1014";
    public const string DuplicatePackId = "CSQ1015";
    public const string UnknownPhase = "CSQ1016";
    public const string LimitExceeded = "CSQ1017";
    public const string InvalidOutcome = "CSQ1018";
    public const string UnreadableFile = "CSQ1019";
    public const string UnknownCode = "CSQ1020";
    public const string DuplicateRule = "CSQ1021";
    public const string OverlappingInteractions = "CSQ1022";
    public const string UnknownAction = "CSQ1023";
    public const string UnknownRuleReference = "CSQ1024";
    public const string RetiredRuleReference = "CSQ1025";
    public const string ScenarioFormat = "CSQ1026";
    public const string PinnedVersionMismatch = "CSQ1027";

    public const string ExpressionSyntax = "CSQ2001";
    public const string ExpressionNotAllowed = "CSQ2002";
    public const string ExpressionNotBoolean = "CSQ2003";
    public const string ExpressionInvalidArgument = "CSQ2004";

    public const string PatientInvalidAtc = "CSQ3001";
    public const string PatientInvalidIcd10 = "CSQ3002";
    public const string PatientUnsupportedSystem = "CSQ3003";
    public const string PatientMissingField = "CSQ3004";
    public const string PatientUnknownValue = "CSQ3005";
    public const string PatientFactUnavailable = "CSQ3006";
    public const string PatientUnknownPhase = "CSQ3007";
    public const string PatientUnknownKey = "CSQ3008";
    public const string PatientInvalidValue = "CSQ3009";
    public const string PatientUnreadable = "CSQ3010";

    /// <summary>The general fix for a code, used when the site that found the problem has no more precise hint.</summary>
    public static string? DefaultHint(string code) => code switch
    {
        YamlSyntax => "check brackets, quotes and indentation at this position",
        UnknownKey => "remove the key or correct its spelling; docs/rule-format.md lists the keys",
        DuplicateRuleId => "give each rule an id of its own across every loaded pack",
        MissingKey => "add the key the message names",
        InvalidValue => "write a value of the kind the message names",
        DuplicateKey => "keep one of the two keys",
        InvalidVersion => "write a semantic version, e.g. 1.2.0",
        UnknownSourceReference => "declare the source in pack.yaml, or correct the id",
        InvalidCode => "ATC codes are upper case at 1, 3, 4, 5 or 7 characters (N06AB06); ICD-10 codes have a dot (F10.2)",
        MissingManifest => "add a pack.yaml (see docs/authoring.md)",
        UnsupportedSchemaVersion => "use schemaVersion: 1",
        MissingTranslation => "give the text in English (en) and French (fr)",
        UnknownPlaceholder => "use a placeholder of docs/rule-format.md",
        MissingSources => "cite at least one source; content that cannot be sourced stays status: draft",
        DuplicatePackId => "give each pack its own id, load one copy only, or pin the version to use (PinPackVersion)",
        UnknownPhase => "phases: assessment, medication-treatment, therapeutic-education, psychological-support, follow-up",
        LimitExceeded => "split the file or simplify its structure",
        InvalidOutcome => "give the rule exactly one of 'proposal' or 'alert'",
        UnreadableFile => "save the file as UTF-8 and check it can be read",
        PinnedVersionMismatch => "load the pinned version (versions may sit side by side, e.g. drug-interactions/1.1.0/), or change the pin",
        ExpressionSyntax => "fix the expression at this column; docs/authoring.md lists what conditions may use",
        ExpressionNotAllowed => "conditions may use only the facts.* helpers of docs/authoring.md",
        ExpressionNotBoolean => "make the condition true or false, e.g. facts.Age >= 18",
        ExpressionInvalidArgument => "codes in upper case (N06AB, F10.2); phases from the list",
        _ => null,
    };
}
