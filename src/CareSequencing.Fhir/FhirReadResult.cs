namespace CareSequencing.Fhir;

/// <summary>What <see cref="FhirPatientContextMapper.Read"/> read: the patient context and what the input was. Immutable.</summary>
/// <remarks>Describes the input's shape only (format, resource type, Bundle type and size), never its content, so it can be logged.</remarks>
public sealed class FhirReadResult
{
    internal FhirReadResult(PatientContext context, FhirFormat format, string resourceType, string? bundleType, int entryCount)
    {
        Context = context;
        Format = format;
        ResourceType = resourceType;
        BundleType = bundleType;
        EntryCount = entryCount;
    }

    /// <summary>The patient context, with its input warnings and unchecked codes.</summary>
    public PatientContext Context { get; }

    /// <summary>JSON or XML.</summary>
    public FhirFormat Format { get; }

    /// <summary>The type of the resource sent: <c>Bundle</c>, or the single resource's (e.g. <c>MedicationRequest</c>).</summary>
    public string ResourceType { get; }

    /// <summary>The Bundle's <c>type</c> as sent (e.g. <c>transaction</c>, <c>collection</c>); <see langword="null"/> for a single resource or a Bundle without one.</summary>
    public string? BundleType { get; }

    /// <summary>The Bundle's entries; 0 for a single resource.</summary>
    public int EntryCount { get; }
}
