using System.Globalization;

namespace CareSequencing.Tests.Reliability;

/// <summary>
/// Sizes of the reliability runs. By default they are bounded so that the whole suite stays within
/// CI's budget on a 2-core machine; <c>CARESEQUENCING_LONG_RUNS=1</c> selects the full runs that
/// docs/reliability.md documents. Each run prints its figures to the test output.
/// </summary>
internal static class LongRuns
{
    public const string Variable = "CARESEQUENCING_LONG_RUNS";

    public static bool Enabled { get; } =
        Environment.GetEnvironmentVariable(Variable) is { } value
        && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary><paramref name="bounded"/> by default, <paramref name="full"/> under <see cref="Variable"/>.</summary>
    public static int Size(int bounded, int full) => Enabled ? full : bounded;

    public static string Mode => Enabled ? "full" : "bounded";

    public static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
