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
    public const string UnsafeUrl = "CSQ1050";
    public const string InsecureUrl = "CSQ1051";

    // Faults: refused at load when visible there (1040, 1041, 1043); reported in the advice when not (1042).
    public const string ConstantZeroDivisor = "CSQ1040";
    public const string NullReceiverOrArgument = "CSQ1041";
    public const string RuleFault = "CSQ1042";
    public const string ConstantFault = "CSQ1043";

    /// <summary>A condition compares or passes values of different types (<c>facts.Age == "40"</c>); numbered in this range for parallel work, though it concerns a condition.</summary>
    public const string ExpressionTypeMismatch = "CSQ1060";

    public const string ExpressionSyntax = "CSQ2001";
    public const string ExpressionNotAllowed = "CSQ2002";
    public const string ExpressionNotBoolean = "CSQ2003";
    public const string ExpressionInvalidArgument = "CSQ2004";
    public const string ExpressionTooComplex = "CSQ2005";

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
    public const string PatientUnknownAtc = "CSQ3011";
    public const string PatientTerminologyProblem = "CSQ3012";

    // FHIR bundles (CareSequencing.Fhir): one summary warning per kind, with counts and never patient data.
    public const string PatientOtherPatient = "CSQ3040";
    public const string PatientResourcesNotRead = "CSQ3041";
    public const string PatientCodesNotChecked = "CSQ3042";
    public const string PatientMedicationEnded = "CSQ3043";
    public const string PatientUnconfirmedCondition = "CSQ3044";
    public const string PatientNoSubject = "CSQ3045";

    /// <summary>
    /// The general fix for a code, used when the site that found the problem has no more precise hint:
    /// the catalogue entry <c>hint.default.CODE</c> (<c>MessageCatalog.Diagnostics.cs</c>), when there is one.
    /// </summary>
    public static Model.MessageText? DefaultHint(string code) =>
        Model.MessageCatalog.All.ContainsKey(DefaultHintPrefix + code) ? new(DefaultHintPrefix + code) : null;

    internal const string DefaultHintPrefix = "hint.default.";
}
