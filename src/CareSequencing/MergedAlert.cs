namespace CareSequencing;

/// <summary>
/// An interaction entry that fired for exactly the same medications as the alert it was merged into
/// (for instance an imported national entry and a hand-written one): the clinician sees one alert, at
/// the highest severity, citing every entry's sources; this names the others.
/// </summary>
/// <param name="RuleId">The merged entry's id.</param>
/// <param name="Pack">The pack it came from.</param>
/// <param name="Severity">Its own severity.</param>
/// <param name="Title">Its localised title.</param>
public sealed record MergedAlert(string RuleId, PackReference Pack, AlertSeverity Severity, string Title);
