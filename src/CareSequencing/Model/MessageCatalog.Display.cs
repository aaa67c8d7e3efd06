namespace CareSequencing.Model;

// Labels of the plain-text advice (AdviceTextWriter) and the summary of what was not checked, shown to the
// clinician in the text and in CDS Hooks cards. These carry the patient's displays and codes (that is their
// point): they are never used in warnings or logs.
internal static partial class MessageCatalog
{
    private static Dictionary<string, (string En, string Fr)> DisplayMessages() => new(StringComparer.Ordinal)
    {
    };
}
