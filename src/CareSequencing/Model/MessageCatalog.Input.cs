namespace CareSequencing.Model;

// What the command-line tool says about the patient file it read (CareSequencing.Cli, FhirPatientFile): its
// format and shape, never its content.
internal static partial class MessageCatalog
{
    private static Dictionary<string, (string En, string Fr)> InputMessages() => new(StringComparer.Ordinal)
    {
        ["cli.read-fhir-bundle"] = ("Read as a FHIR R4 Bundle in {0} ({1}, {2} entr(ies)).",
            "Lu comme un Bundle FHIR R4 en {0} ({1}, {2} entrée(s))."),
        ["cli.read-fhir-resource"] = ("Read as a FHIR R4 {1} in {0} (a single resource).",
            "Lu comme une ressource FHIR R4 {1} en {0} (une ressource seule)."),
        ["cli.bundle-type-missing"] = ("no type", "sans type"),
        ["cli.not-fhir-resource-type"] = ("its resourceType {0} is not a FHIR R4 resource type, and a CareSequencing patient file has no resourceType.",
            "son resourceType {0} n'est pas un type de ressource FHIR R4, et un fichier patient CareSequencing n'a pas de resourceType."),
        ["cli.resource-type-not-string"] = ("its resourceType is not a string, so it is neither FHIR nor a CareSequencing patient file.",
            "son resourceType n'est pas une chaîne : ce n'est ni du FHIR ni un fichier patient CareSequencing."),
        ["cli.xml-not-fhir"] = ("it is XML but not FHIR: the root element is not in the namespace http://hl7.org/fhir (a CareSequencing patient file is YAML or JSON).",
            "c'est du XML mais pas du FHIR : l'élément racine n'est pas dans l'espace de noms http://hl7.org/fhir (un fichier patient CareSequencing est en YAML ou en JSON)."),
        ["cli.patient-error-at"] = ("{0}:{1}:{2}: error {3}: {4}", "{0}:{1}:{2}: error {3}: {4}"),
    };
}
