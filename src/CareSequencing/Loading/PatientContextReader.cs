using System.Globalization;
using CareSequencing.Model;

namespace CareSequencing.Loading;

/// <summary>Thrown when a patient file is not YAML or JSON at all; the message carries a position, never patient data.</summary>
public sealed class PatientContextFormatException : Exception
{
    internal PatientContextFormatException(string message, int line, int column)
        : base(string.Create(CultureInfo.InvariantCulture, $"({line},{column}): {DiagnosticCodes.PatientUnreadable}: {message}"))
    {
        Line = line;
        Column = column;
        Reason = message;
    }

    /// <summary>The message without its position and code, for a caller that prints them its own way (<c>file:line:col: error CSQ3010: ...</c>).</summary>
    internal string Reason { get; }

    /// <summary>The stable code of this failure, <c>CSQ3010</c>.</summary>
    public string Code { get; } = DiagnosticCodes.PatientUnreadable;

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }
}

/// <summary>
/// Reads a patient context from YAML or JSON (JSON is read as YAML's flow style). Lenient by
/// design: unknown keys, wrong types, unreadable dates and unknown values become
/// <see cref="PatientContext.InputWarnings"/>; only text that is not a YAML/JSON mapping throws.
/// </summary>
public static class PatientContextReader
{
    /// <summary>Reads a patient file under <see cref="PatientInputLimits.Default"/>.</summary>
    /// <param name="path">Path to a <c>.yaml</c>, <c>.yml</c> or <c>.json</c> file.</param>
    /// <returns>The patient context, with input warnings.</returns>
    public static PatientContext ReadFile(string path) => ReadFile(path, null);

    /// <summary>Reads a patient file; a file larger than <see cref="PatientInputLimits.MaxBytes"/> is refused before it is read.</summary>
    /// <param name="path">Path to a <c>.yaml</c>, <c>.yml</c> or <c>.json</c> file.</param>
    /// <param name="limits">Size limits; <see cref="PatientInputLimits.Default"/> when null. Each must be greater than zero.</param>
    /// <returns>The patient context, with input warnings.</returns>
    /// <exception cref="PatientContextFormatException">The file is not a YAML or JSON mapping, or crosses a limit; a <c>.json</c> file that is not valid JSON (reported at its line and column).</exception>
    public static PatientContext ReadFile(string path, PatientInputLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(path);
        limits = PatientInputLimits.Validate(limits, nameof(limits));
        if (new FileInfo(path).Length > limits.MaxBytes) throw TooLarge(limits);
        var text = File.ReadAllText(path);
        // A .json file is held to JSON: read as YAML's flow style, a missing comma could silently drop a field.
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) JsonSyntax.Check(text);
        return Parse(text, limits);
    }

    /// <summary>Parses a patient context under <see cref="PatientInputLimits.Default"/>.</summary>
    /// <param name="text">YAML or JSON text.</param>
    /// <returns>The patient context, with input warnings.</returns>
    /// <exception cref="PatientContextFormatException">The text is not a YAML or JSON mapping, or crosses a limit.</exception>
    public static PatientContext Parse(string text) => Parse(text, null);

    /// <summary>Parses a patient context under the limits given.</summary>
    /// <param name="text">YAML or JSON text.</param>
    /// <param name="limits">Size limits; <see cref="PatientInputLimits.Default"/> when null. Each must be greater than zero.</param>
    /// <returns>The patient context, with input warnings.</returns>
    /// <exception cref="PatientContextFormatException">The text is not a YAML or JSON mapping, or crosses a limit.</exception>
    public static PatientContext Parse(string text, PatientInputLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(text);
        limits = PatientInputLimits.Validate(limits, nameof(limits));
        // Characters first (cheap, and a bound on the bytes: at most three per UTF-16 unit), then the exact byte count.
        if (text.Length > limits.MaxBytes || (text.Length * 3L > limits.MaxBytes && System.Text.Encoding.UTF8.GetByteCount(text) > limits.MaxBytes))
            throw TooLarge(limits);
        YNode? root;
        try
        {
            root = YamlTreeReader.Read(text, plainText: false, limits.Yaml);
        }
        catch (YamlTreeException ex) when (ex.Limit is { } limit)
        {
            // The reader's message names the pack option; a patient's limits are PatientInputLimits.
            var name = PatientInputLimits.Of(limit);
            throw new PatientContextFormatException(name is null
                ? string.Create(CultureInfo.InvariantCulture, $"The patient text crosses the fixed YAML limit {limit} ({LimitValue(limit)}).")
                : string.Create(CultureInfo.InvariantCulture, $"The patient text crosses PatientInputLimits.{name} ({limits.All().First(l => l.Name == name).Value}); the CLI raises it with {PackLoadLimits.FlagName("MaxPatient" + name[3..])}."),
                ex.Line, ex.Column);
        }
        catch (YamlTreeException ex)
        {
            throw new PatientContextFormatException(ex.Message, ex.Line, ex.Column);
        }
        if (root is not YMapping mapping)
            throw new PatientContextFormatException("A patient context is a mapping (id, conditions, medications...).", root?.Line ?? 1, root?.Column ?? 1);
        return new Reader().ReadPatient(mapping);

        static int LimitValue(string limit) => PackLoadLimits.Default.All().First(l => l.Name == limit).Value;
    }

    private static PatientContextFormatException TooLarge(PatientInputLimits limits) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"The patient text is larger than {limits.MaxBytes} bytes (PatientInputLimits.MaxBytes; the CLI raises it with --max-patient-bytes)."), 1, 1);

    /// <summary>Reads a patient embedded in another document (a scenario file).</summary>
    internal static PatientContext FromNode(YMapping mapping) => new Reader().ReadPatient(mapping);

    private sealed class Reader
    {
        private static readonly YMapping EmptyEntry = new(0, 0, []);

        private readonly List<AdviceWarning> _warnings = [];

        public PatientContext ReadPatient(YMapping map)
        {
            var fields = Fields(map, "", "id", "birthDate", "age", "sex", "conditions", "medications", "therapies", "phase", "flags", "preferences", "unchecked");
            var patient = new PatientContext
            {
                Id = Scalar(fields, "id", ""),
                BirthDate = Date(fields, "birthDate", ""),
                Age = Int(fields, "age", ""),
                Sex = Enum(fields, "sex", "", Sex.Unknown, ("female", Sex.Female), ("male", Sex.Male), ("other", Sex.Other), ("unknown", Sex.Unknown)),
                Conditions = List(fields, "conditions", ReadCondition),
                Medications = List(fields, "medications", ReadMedication),
                Therapies = List(fields, "therapies", ReadTherapy),
                Phase = ReadPhase(fields),
                Flags = StringList(fields, "flags", ""),
                Preferences = ReadPreferences(fields),
                Unchecked = List(fields, "unchecked", ReadUnchecked),
            };
            return patient with { InputWarnings = [.. _warnings] };
        }

        private PatientCondition? ReadCondition(YMapping map, string path)
        {
            var f = Fields(map, path, "code", "system", "status", "onset", "display", "origin");
            // 'display' is accepted for the reader's benefit and not used; a list or mapping there still gets its warning.
            _ = Scalar(f, "display", path);
            return new PatientCondition(Scalar(f, "code", path))
            {
                System = Scalar(f, "system", path) ?? CodeSystems.Icd10,
                Status = Enum(f, "status", path, ClinicalStatus.Active, ("active", ClinicalStatus.Active), ("remission", ClinicalStatus.Remission),
                    ("resolved", ClinicalStatus.Resolved), ("inactive", ClinicalStatus.Resolved)),
                Onset = Date(f, "onset", path),
                Origin = ReadOrigin(f, path),
            };
        }

        private PatientMedication? ReadMedication(YMapping map, string path)
        {
            var f = Fields(map, path, "code", "system", "name", "form", "status", "start", "origin");
            return new PatientMedication(Scalar(f, "code", path))
            {
                System = Scalar(f, "system", path) ?? CodeSystems.Atc,
                Name = Scalar(f, "name", path),
                Form = Scalar(f, "form", path),
                Status = Enum(f, "status", path, MedicationStatus.Active, ("active", MedicationStatus.Active), ("planned", MedicationStatus.Planned),
                    ("stopped", MedicationStatus.Stopped), ("completed", MedicationStatus.Stopped)),
                Start = Date(f, "start", path),
                Origin = ReadOrigin(f, path),
            };
        }

        // The coding a code was translated from, as `caresequencing map` writes it: read back so that the
        // advice on a mapped context still says what the translation relied on.
        private CodeOrigin? ReadOrigin(Dictionary<string, YNode> fields, string path)
        {
            if (!fields.TryGetValue("origin", out var node) || node is YScalar { IsNull: true }) return null;
            var at = Join(path, "origin");
            if (node is not YMapping map)
            {
                Warn(DiagnosticCodes.PatientInvalidValue, at, new("input.origin-not-mapping"));
                return null;
            }
            var f = Fields(map, at, "system", "code", "display", "mapping", "source");
            var system = Scalar(f, "system", at);
            var code = Scalar(f, "code", at);
            if (system is null || code is null)
            {
                Warn(DiagnosticCodes.PatientMissingField, at, new("input.origin-incomplete"));
                return null;
            }
            var mappingText = Scalar(f, "mapping", at);
            var mapping = CodeMapping.Map;
            if (mappingText is not null)
            {
                var known = Array.Find(System.Enum.GetValues<CodeMapping>(), m => string.Equals(m.ToString(), mappingText.Trim(), StringComparison.OrdinalIgnoreCase));
                if (known == default && !string.Equals(mappingText.Trim(), nameof(CodeMapping.Map), StringComparison.OrdinalIgnoreCase))
                {
                    // Not understood: read as the least checked kind, so the advice asks for the mapping to be checked.
                    Warn(DiagnosticCodes.PatientUnknownValue, Join(at, "mapping"), new("input.value-not-understood", "mapping", "map, server, name, parent"));
                    mapping = CodeMapping.Name;
                }
                else mapping = known;
            }
            return new CodeOrigin(system, code) { Display = Scalar(f, "display", at), Mapping = mapping, Source = Scalar(f, "source", at) };
        }

        private UncheckedCode? ReadUnchecked(YMapping map, string path)
        {
            var f = Fields(map, path, "kind", "system", "code", "display", "path");
            var kind = Scalar(f, "kind", path);
            var system = Scalar(f, "system", path);
            var code = Scalar(f, "code", path);
            if (system is null || code is null)
            {
                Warn(DiagnosticCodes.PatientMissingField, path, new("input.unchecked-incomplete"));
                return null;
            }
            var isCondition = string.Equals(kind?.Trim(), "condition", StringComparison.OrdinalIgnoreCase);
            if (kind is not null && !isCondition && !string.Equals(kind.Trim(), "medication", StringComparison.OrdinalIgnoreCase))
                Warn(DiagnosticCodes.PatientUnknownValue, Join(path, "kind"), new("input.value-not-understood", "kind", "medication, condition"));
            return new UncheckedCode(isCondition ? UncheckedCodeKind.Condition : UncheckedCodeKind.Medication, system, code)
            {
                Display = Scalar(f, "display", path),
                Path = Scalar(f, "path", path),
            };
        }

        private PatientTherapy? ReadTherapy(YMapping map, string path)
        {
            var f = Fields(map, path, "kind", "status");
            return new PatientTherapy(Scalar(f, "kind", path))
            {
                Status = Enum(f, "status", path, TherapyStatus.Active, ("active", TherapyStatus.Active), ("planned", TherapyStatus.Planned),
                    ("completed", TherapyStatus.Completed), ("declined", TherapyStatus.Declined)),
            };
        }

        private PatientPhase ReadPhase(Dictionary<string, YNode> fields)
        {
            if (!fields.TryGetValue("phase", out var node)) return PatientPhase.Unknown;
            if (node is YScalar scalar) return new PatientPhase(scalar.IsNull ? null : scalar.Value);
            if (node is not YMapping map)
            {
                Warn(DiagnosticCodes.PatientInvalidValue, "phase", new("input.phase-not-mapping"));
                return PatientPhase.Unknown;
            }
            var f = Fields(map, "phase", "current", "completed");
            return new PatientPhase(Scalar(f, "current", "phase")) { Completed = StringList(f, "completed", "phase") };
        }

        private PatientPreferences ReadPreferences(Dictionary<string, YNode> fields)
        {
            if (!fields.TryGetValue("preferences", out var node)) return PatientPreferences.None;
            if (node is not YMapping map)
            {
                Warn(DiagnosticCodes.PatientInvalidValue, "preferences", new("input.preferences-not-mapping"));
                return PatientPreferences.None;
            }
            var f = Fields(map, "preferences", "declined", "preferred");
            return new PatientPreferences { Declined = StringList(f, "declined", "preferences"), Preferred = StringList(f, "preferred", "preferences") };
        }

        private Dictionary<string, YNode> Fields(YMapping map, string path, params string[] known)
        {
            var fields = new Dictionary<string, YNode>(StringComparer.Ordinal);
            foreach (var (key, value) in map.Entries)
            {
                var at = Join(path, key.Value);
                if (!known.Contains(key.Value, StringComparer.Ordinal))
                    Warn(DiagnosticCodes.PatientUnknownKey, at, new("input.unknown-key", key.Value));
                else if (!fields.TryAdd(key.Value, value))
                    Warn(DiagnosticCodes.PatientInvalidValue, at, new("input.duplicate-key", key.Value));
            }
            return fields;
        }

        private List<T> List<T>(Dictionary<string, YNode> fields, string key, Func<YMapping, string, T?> read) where T : class
        {
            if (!fields.TryGetValue(key, out var node) || node is YScalar { IsNull: true }) return [];
            if (node is not YSequence sequence)
            {
                Warn(DiagnosticCodes.PatientInvalidValue, key, new("input.not-list", key));
                return [];
            }
            var items = new List<T>();
            for (var i = 0; i < sequence.Items.Count; i++)
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"{key}[{i}]");
                if (sequence.Items[i] is YMapping entry)
                {
                    if (read(entry, path) is { } item) items.Add(item);
                }
                else
                {
                    Warn(DiagnosticCodes.PatientInvalidValue, path, new("input.entry-not-mapping"));
                    // Kept as an entry with nothing in it, so later warnings (medications[3].code) name the
                    // file's own index, and a medication that could not be read is reported as unchecked.
                    if (read(EmptyEntry, path) is { } placeholder) items.Add(placeholder);
                }
            }
            return items;
        }

        private List<string> StringList(Dictionary<string, YNode> fields, string key, string path)
        {
            if (!fields.TryGetValue(key, out var node) || node is YScalar { IsNull: true }) return [];
            if (node is not YSequence sequence)
            {
                Warn(DiagnosticCodes.PatientInvalidValue, Join(path, key), new("input.not-list", key));
                return [];
            }
            var values = new List<string>();
            for (var i = 0; i < sequence.Items.Count; i++)
            {
                if (sequence.Items[i] is YScalar { IsNull: false } scalar) values.Add(scalar.Value);
                else Warn(DiagnosticCodes.PatientInvalidValue, string.Create(CultureInfo.InvariantCulture, $"{Join(path, key)}[{i}]"), new("input.entry-not-text"));
            }
            return values;
        }

        private string? Scalar(Dictionary<string, YNode> fields, string key, string path)
        {
            if (!fields.TryGetValue(key, out var node)) return null;
            if (node is YScalar scalar) return scalar.IsNull ? null : scalar.Value;
            Warn(DiagnosticCodes.PatientInvalidValue, Join(path, key), new("input.not-text", key));
            return null;
        }

        private DateOnly? Date(Dictionary<string, YNode> fields, string key, string path)
        {
            var text = Scalar(fields, key, path);
            if (text is null) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            Warn(DiagnosticCodes.PatientInvalidValue, Join(path, key), new("input.not-date", key));
            return null;
        }

        private int? Int(Dictionary<string, YNode> fields, string key, string path)
        {
            var text = Scalar(fields, key, path);
            if (text is null) return null;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
            Warn(DiagnosticCodes.PatientInvalidValue, Join(path, key), new("input.not-int", key));
            return null;
        }

        private T Enum<T>(Dictionary<string, YNode> fields, string key, string path, T missing, params (string Name, T Value)[] values) where T : struct, Enum
        {
            var text = Scalar(fields, key, path);
            if (text is null) return missing;
            foreach (var (name, value) in values)
            {
                if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase)) return value;
            }
            Warn(DiagnosticCodes.PatientUnknownValue, Join(path, key),
                new("input.value-not-understood", key, string.Join(", ", values.Select(v => v.Name))));
            return System.Enum.Parse<T>("Unknown");
        }

        private void Warn(string code, string path, MessageText message) => _warnings.Add(new(code, path, message));

        private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
    }
}
