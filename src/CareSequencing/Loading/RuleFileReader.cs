using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using CareSequencing.Model;

namespace CareSequencing.Loading;

/// <summary>Reads one rule file: expression rules under <c>rules:</c> and table rows under <c>interactions:</c>.</summary>
internal static partial class RuleFileReader
{
    internal static readonly FrozenDictionary<string, RuleFamily> Families = new Dictionary<string, RuleFamily>(StringComparer.Ordinal)
    {
        ["sequencing"] = RuleFamily.Sequencing,
        ["compatibility"] = RuleFamily.Compatibility,
        ["double-diagnosis"] = RuleFamily.DoubleDiagnosis,
        ["interaction"] = RuleFamily.Interaction,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    internal static readonly FrozenDictionary<string, RuleStatus> Statuses = new Dictionary<string, RuleStatus>(StringComparer.Ordinal)
    {
        ["draft"] = RuleStatus.Draft,
        ["active"] = RuleStatus.Active,
        ["retired"] = RuleStatus.Retired,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    internal static readonly FrozenDictionary<string, AlertSeverity> Severities = new Dictionary<string, AlertSeverity>(StringComparer.Ordinal)
    {
        ["contraindicated"] = AlertSeverity.Contraindicated,
        ["major"] = AlertSeverity.Major,
        ["moderate"] = AlertSeverity.Moderate,
        ["minor"] = AlertSeverity.Minor,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    internal static readonly FrozenSet<string> RulePlaceholders =
        FrozenSet.Create(StringComparer.Ordinal, "conditions", "medications", "therapies", "flags", "phase", "age");

    internal static readonly FrozenSet<string> InteractionPlaceholders =
        FrozenSet.Create(StringComparer.Ordinal, "a", "b", "medications");

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex RuleIdPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*(:[a-z0-9][a-z0-9/._-]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ActionPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KindPattern();

    [GeneratedRegex(@"\{([^{}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();

    public static void Read(
        string path,
        string text,
        PackManifest manifest,
        DiagnosticBag diagnostics,
        ImmutableArray<RuleDefinition>.Builder rules,
        ImmutableArray<InteractionEntry>.Builder interactions,
        ImmutableArray<CodeUsage>.Builder codes,
        PackLoadLimits? limits = null,
        PackExpansion? expansion = null)
    {
        var file = new FileContext(path, diagnostics, limits, expansion);
        var root = YamlFile.Parse(file, text);
        var map = file.Mapping(root, new("what.rule-file"));
        if (map is null) return;
        var rawLines = text.Split('\n');

        var rulesNode = map.Get("rules");
        var interactionsNode = map.Get("interactions");
        map.Complete();
        if (rulesNode is null && interactionsNode is null)
            file.Error(DiagnosticCodes.MissingKey, map.Node, new("diag.rule-file-empty"));

        foreach (var item in Items(file, rulesNode, "rules"))
        {
            var errors = file.ErrorCount;
            if (ReadRule(file, item, manifest, rawLines) is { } rule) rules.Add(rule);
            else NeverDropSilently(file, item, errors);
            file.RuleId = null;
        }
        foreach (var item in Items(file, interactionsNode, "interactions"))
        {
            var errors = file.ErrorCount;
            if (ReadInteraction(file, item, manifest) is { } entry) interactions.Add(entry);
            else NeverDropSilently(file, item, errors);
            file.RuleId = null;
        }
        codes.AddRange(file.Codes);
    }

    /// <summary>A rule that could not be read must have said why: a pack never loads with a rule missing.</summary>
    private static void NeverDropSilently(FileContext file, YNode item, int errorsBefore)
    {
        if (file.ErrorCount == errorsBefore)
            file.Error(DiagnosticCodes.InvalidValue, item, new("diag.entry-unreadable"), new("hint.compare-rule-format"));
    }

    private static IReadOnlyList<YNode> Items(FileContext file, YNode? node, string key)
    {
        if (node is null) return [];
        if (node is YSequence sequence) return sequence.Items;
        file.Error(DiagnosticCodes.InvalidValue, node, new("diag.must-be-list", key, node.Kind));
        return [];
    }

    private static RuleDefinition? ReadRule(FileContext file, YNode node, PackManifest manifest, string[] rawLines)
    {
        var map = file.Mapping(node, new("what.rule"));
        if (map is null) return null;
        var id = ReadId(map);
        var family = map.Enum("family", Families, required: true);
        var (status, title, effective, sources, revised) = ReadCommon(map, manifest);

        var whenNode = map.Required("when");
        string? condition = null;
        ExpressionOrigin? origin = null;
        if (whenNode is YScalar whenScalar && !string.IsNullOrWhiteSpace(whenScalar.Value))
        {
            condition = whenScalar.Value;
            origin = ExpressionOrigin.For(file.Path, whenScalar, rawLines);
            RecordExpressionCodes(file, condition, origin);
        }
        else if (whenNode is not null)
        {
            file.Error(DiagnosticCodes.InvalidValue, whenNode, new("diag.when-empty"));
        }

        var proposalNode = map.Get("proposal");
        var alertNode = map.Get("alert");
        ProposalOutcome? proposal = null;
        AlertOutcome? alert = null;
        if ((proposalNode is null) == (alertNode is null))
            file.Error(DiagnosticCodes.InvalidOutcome, map.Node, new("diag.one-outcome"));
        if (file.Mapping(proposalNode, new("what.key", "proposal")) is { } p) proposal = ReadProposal(p);
        if (file.Mapping(alertNode, new("what.key", "alert")) is { } a) alert = ReadAlert(a);
        map.Complete();

        if (id is null || family is null || status is null || title is null || condition is null || origin is null
            || (proposal is null && alert is null))
        {
            return null;
        }
        return new RuleDefinition(id, family.Value, status.Value, title, effective, sources, file.At(node), revised,
            condition, origin, proposal, alert);
    }

    private static InteractionEntry? ReadInteraction(FileContext file, YNode node, PackManifest manifest)
    {
        var map = file.Mapping(node, new("what.interaction"));
        if (map is null) return null;
        var id = ReadId(map);
        var (status, title, effective, sources, revised) = ReadCommon(map, manifest, titleRequired: false);
        var a = ReadSide(map, "a");
        var b = ReadSide(map, "b");
        var severity = map.Enum("severity", Severities, required: true);
        var mechanism = map.Text("mechanism", required: true);
        var management = map.Text("management", required: true);
        CheckPlaceholders(map, "mechanism", mechanism, InteractionPlaceholders);
        CheckPlaceholders(map, "management", management, InteractionPlaceholders);
        map.Complete();
        if (id is null || status is null || a is null || b is null || severity is null || mechanism is null || management is null)
            return null;
        title ??= new LocalizedText(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            Languages.Supported.Select(l => new KeyValuePair<string, string>(l, $"{a.Label.Get(l)} + {b.Label.Get(l)}"))));
        return new InteractionEntry(id, status.Value, title, effective, sources, file.At(node), revised, a, b, severity.Value, mechanism, management);
    }

    private static InteractionSide? ReadSide(MappingView owner, string key)
    {
        var map = owner.File.Mapping(owner.Required(key), new("what.key", key));
        if (map is null) return null;
        var codes = ReadCodes(map, "codes", atcOnly: true, required: true);
        var label = map.Text("label", required: true);
        var forms = ImmutableArray.CreateBuilder<string>();
        foreach (var (form, node) in map.StringList("forms"))
        {
            if (KindPattern().IsMatch(form) && !form.Contains('/', StringComparison.Ordinal)) forms.Add(form);
            else map.File.Error(DiagnosticCodes.InvalidValue, node, new("diag.form-format", form));
        }
        map.Complete();
        if (codes.IsDefaultOrEmpty && map.Get("codes") is YSequence { Items.Count: 0 } empty)
            map.File.Error(DiagnosticCodes.MissingKey, empty, new("diag.side-codes-empty", key));
        return codes.IsDefaultOrEmpty || label is null ? null : new InteractionSide(codes, label, forms.ToImmutable());
    }

    private static string? ReadId(MappingView map)
    {
        var id = map.String("id", required: true);
        if (id is null) return null;
        map.File.RuleId = id;
        if (!RuleIdPattern().IsMatch(id))
        {
            map.File.Error(DiagnosticCodes.InvalidValue, map.Get("id")!, new("diag.rule-id-format", id));
            return null;
        }
        return id;
    }

    private static (RuleStatus?, LocalizedText?, EffectivePeriod, ImmutableArray<SourceAttribution>, DateOnly?) ReadCommon(
        MappingView map, PackManifest manifest, bool titleRequired = true)
    {
        var status = map.Enum("status", Statuses, required: true);
        var title = map.Text("title", required: titleRequired);
        var effective = EffectivePeriod.Always;
        if (map.File.Mapping(map.Get("effective"), new("what.key", "effective")) is { } period)
        {
            var from = period.Date("from");
            var until = period.Date("until");
            period.Complete();
            if (from is not null && until is not null && until < from)
                map.File.Error(DiagnosticCodes.InvalidValue, period.Node, new("diag.effective-order"));
            effective = new EffectivePeriod(from, until);
        }
        var revised = map.Date("revised");
        if (revised is not null && revised > manifest.ReleaseDate)
            map.File.Error(DiagnosticCodes.InvalidValue, map.Get("revised")!, new("diag.revised-after-release"), new("hint.revised-after-release"));
        var sources = SourceReader.ReadList(map, manifest);
        if (sources.IsEmpty && map.Get("sources") is not YSequence { Items.Count: > 0 })
        {
            var message = new MessageText("diag.missing-sources");
            if (status == RuleStatus.Draft) map.File.Warning(DiagnosticCodes.MissingSources, map.Node, message);
            else map.File.Error(DiagnosticCodes.MissingSources, map.Node, message, new("hint.cite-or-draft"));
        }
        return (status, title, effective, sources, revised);
    }

    private static ProposalOutcome? ReadProposal(MappingView map)
    {
        var action = map.String("action", required: true);
        if (action is not null && !ActionPattern().IsMatch(action))
        {
            map.File.Error(DiagnosticCodes.InvalidValue, map.Get("action")!, new("diag.action-format", action));
            action = null;
        }
        var priority = map.Int("priority", 0, 100, required: true);
        var therapy = map.String("therapy");
        if (therapy is not null && !KindPattern().IsMatch(therapy))
        {
            map.File.Error(DiagnosticCodes.InvalidValue, map.Get("therapy")!, new("diag.therapy-format", therapy));
            therapy = null;
        }
        var codes = ReadCodes(map, "codes", atcOnly: true);
        var phases = ImmutableArray.CreateBuilder<string>();
        foreach (var (phase, node) in map.StringList("phases"))
        {
            if (TherapeuticPhases.IsKnown(phase)) phases.Add(phase);
            else map.File.Error(DiagnosticCodes.UnknownPhase, node, new("diag.unknown-phase", phase), new("hint.phases", string.Join(", ", TherapeuticPhases.All)));
        }
        var text = map.Text("text", required: true);
        CheckPlaceholders(map, "text", text, RulePlaceholders);
        map.Complete();
        return action is null || priority is null || text is null
            ? null
            : new ProposalOutcome(action, priority.Value, therapy, codes, phases.ToImmutable(), text);
    }

    private static AlertOutcome? ReadAlert(MappingView map)
    {
        var severity = map.Enum("severity", Severities, required: true);
        var codes = ReadCodes(map, "codes", atcOnly: false);
        var actions = ImmutableArray.CreateBuilder<string>();
        foreach (var (action, node) in map.StringList("actions"))
        {
            if (ActionPattern().IsMatch(action)) actions.Add(action);
            else map.File.Error(DiagnosticCodes.InvalidValue, node, new("diag.action-invalid", action));
        }
        var text = map.Text("text", required: true);
        var management = map.Text("management", required: true);
        CheckPlaceholders(map, "text", text, RulePlaceholders);
        CheckPlaceholders(map, "management", management, RulePlaceholders);
        map.Complete();
        return severity is null || text is null || management is null
            ? null
            : new AlertOutcome(severity.Value, codes, actions.ToImmutable(), text, management);
    }

    private static ImmutableArray<string> ReadCodes(MappingView map, string key, bool atcOnly, bool required = false)
    {
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var (code, node) in map.StringList(key, required))
        {
            var normalized = ClinicalCodes.NormalizeAtc(code) ?? (atcOnly ? null : ClinicalCodes.NormalizeIcd10(code));
            if (normalized is not null && string.Equals(normalized, code, StringComparison.Ordinal))
            {
                builder.Add(normalized);
                var atc = ClinicalCodes.NormalizeAtc(code) is not null;
                var system = atcOnly ? CodeSystem.Atc
                    : atc && ClinicalCodes.NormalizeIcd10(code) is not null ? CodeSystem.AtcOrIcd10
                    : atc ? CodeSystem.Atc : CodeSystem.Icd10;
                map.File.Codes.Add(new(normalized, system, map.File.RuleId, map.File.At(node)));
            }
            else map.File.Error(DiagnosticCodes.InvalidCode, node,
                new(atcOnly ? "diag.atc-malformed" : "diag.code-malformed", code), new("hint.code-format"));
        }
        return builder.ToImmutable();
    }

    /// <summary>
    /// Records the code literals a condition passes to the code helpers. Lexical on purpose: the
    /// compiler checks the arguments' form; this only tells the linter where each code is written.
    /// </summary>
    private static void RecordExpressionCodes(FileContext file, string condition, ExpressionOrigin origin)
    {
        foreach (Match match in CodeArgumentPattern().Matches(condition))
        {
            var system = match.Groups["helper"].Value.Contains("Condition", StringComparison.Ordinal) ? CodeSystem.Icd10 : CodeSystem.Atc;
            foreach (Capture capture in match.Groups["code"].Captures)
            {
                var code = capture.Value;
                var valid = system == CodeSystem.Atc ? ClinicalCodes.NormalizeAtc(code) : ClinicalCodes.NormalizeIcd10(code);
                if (valid is not null && string.Equals(valid, code, StringComparison.Ordinal))
                    file.Codes.Add(new(code, system, file.RuleId, origin.Resolve(capture.Index - 1)));
            }
        }
    }

    [GeneratedRegex("""\b(?<helper>HasMedication|CountMedications|MedicationStartedWithin|OralMedicationStartedWithin|HasCondition|HasConditionInRange)\s*\(\s*"(?<code>[^"]*)"(?:\s*,\s*"(?<code>[^"]*)")?""", RegexOptions.CultureInvariant)]
    private static partial Regex CodeArgumentPattern();

    private static void CheckPlaceholders(MappingView map, string key, LocalizedText? text, FrozenSet<string> allowed)
    {
        if (text is null) return;
        foreach (var (language, value) in text.Values)
        {
            foreach (Match match in PlaceholderPattern().Matches(value))
            {
                if (allowed.Contains(match.Groups[1].Value)) continue;
                map.File.Error(DiagnosticCodes.UnknownPlaceholder, map.Get(key)!,
                    new("diag.unknown-placeholder", match.Value, key, language),
                    new("hint.placeholders", string.Join(", ", allowed.Order(StringComparer.Ordinal).Select(p => "{" + p + "}"))));
            }
        }
    }
}
