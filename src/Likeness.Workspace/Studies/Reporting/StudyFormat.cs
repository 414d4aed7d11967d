using System.Globalization;

namespace Likeness.Workspace.Studies.Reporting;

/// <summary>
/// The one place numbers become text, shared by results.csv and report.html so both show exactly the same figures.
/// Invariant culture; null (not measured) becomes the empty string.
/// </summary>
public static class StudyFormat
{
    /// <summary>Distances, similarities and 0..1 scores: four decimals.</summary>
    public static string Score(double? value) => value?.ToString("0.0000", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>Milliseconds, whole.</summary>
    public static string Milliseconds(double? value) => value?.ToString("0", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>US dollars, up to six decimals.</summary>
    public static string Usd(decimal? value) => value?.ToString("0.00####", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>US dollars for people: two decimals from $1 up (and for zero), else four.</summary>
    public static string Money(decimal value) =>
        "$" + value.ToString(Math.Abs(value) >= 1 || value == 0 ? "#,0.00" : "0.0000", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with one decimal.</summary>
    public static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";

    /// <summary>A p-value: three significant digits, "&lt; 0.0001" below that.</summary>
    public static string P(double? value) => value switch
    {
        null => "–",
        < 0.0001 => "< 0.0001",
        { } v => v.ToString("0.0000", CultureInfo.InvariantCulture),
    };

    /// <summary>A whole number.</summary>
    public static string Whole(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A boolean as "true"/"false".</summary>
    public static string Bool(bool? value) => value is null ? string.Empty : value.Value ? "true" : "false";

    /// <summary>A general number with up to <paramref name="decimals"/> decimals.</summary>
    public static string Number(double value, int decimals = 2) =>
        value.ToString("#,0." + new string('#', decimals), CultureInfo.InvariantCulture);

    /// <summary>An agreement coefficient (alpha, kappa) to three decimals, "–" when undefined.</summary>
    public static string Coefficient(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";
}
