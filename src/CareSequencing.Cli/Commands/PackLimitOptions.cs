using System.CommandLine;
using System.Globalization;

namespace CareSequencing.Cli.Commands;

/// <summary>
/// The <c>--max-*</c> flags of every command that loads packs, one per <see cref="PackLoadLimits"/> property
/// (<c>--max-rules-per-pack</c> sets <see cref="PackLoadLimits.MaxRulesPerPack"/>); a flag not given keeps the default.
/// A value that is not greater than zero is a usage error, like any bad option value.
/// </summary>
internal sealed class PackLimitOptions
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        [nameof(PackLoadLimits.MaxFileBytes)] = "Largest pack file, in bytes",
        [nameof(PackLoadLimits.MaxFilesPerPack)] = "Most content files (.yaml, .yml; scenarios excluded) in one pack",
        [nameof(PackLoadLimits.MaxRulesPerPack)] = "Most rules and interaction entries in one pack",
        [nameof(PackLoadLimits.MaxDepth)] = "Deepest nesting of lists and mappings in one file",
        [nameof(PackLoadLimits.MaxNodes)] = "Most YAML nodes in one file, each alias expansion counted again",
        [nameof(PackLoadLimits.MaxExpandedCharsPerFile)] = "Most characters of keys and values in one file, each alias counted at the size of what it repeats",
        [nameof(PackLoadLimits.MaxExpandedCharsPerPack)] = "Most characters of keys and values in one pack, all files together, aliases expanded",
        [nameof(PackLoadLimits.MaxAdviceCharsPerPack)] = "Most characters of pack text one pack can show in one advice, cited sources counted at each citation",
        [nameof(PackLoadLimits.MaxScalarLength)] = "Longest value in a pack file, in characters",
        [nameof(PackLoadLimits.MaxKeyLength)] = "Longest mapping key, in characters",
        [nameof(PackLoadLimits.MaxMappingEntries)] = "Most entries in one mapping",
    };

    private readonly (string Limit, Option<int?> Option)[] _options =
        [.. PackLoadLimits.Default.All().Select(limit => (limit.Name, Create(limit.Name, limit.Value)))];

    /// <summary>Adds every flag to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var (_, option) in _options) command.Options.Add(option);
    }

    /// <summary>The defaults, with each flag given on the command line applied.</summary>
    public PackLoadLimits Read(ParseResult parse)
    {
        var limits = PackLoadLimits.Default;
        foreach (var (limit, option) in _options)
        {
            if (parse.GetValue(option) is { } value) limits = limits.With(limit, value);
        }
        return limits;
    }

    private static Option<int?> Create(string limit, int defaultValue)
    {
        var flag = PackLoadLimits.FlagName(limit);
        var option = new Option<int?>(flag)
        {
            Description = string.Create(CultureInfo.InvariantCulture,
                $"{Descriptions[limit]}; a pack over it is refused with CSQ1017 (default {defaultValue}, PackLoadLimits.{limit})."),
            HelpName = "N",
        };
        // A value that is not a number is already a parse error; this refuses the numbers that cannot be limits.
        option.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value <= 0)
                result.AddError($"{flag} must be greater than 0.");
        });
        return option;
    }
}
