namespace Likeness.Workspace.Studies.Reporting.Svg;

/// <summary>Colours for providers (colour-blind-safe, Okabe–Ito) and for the chart furniture.</summary>
internal static class Palette
{
    private static readonly string[] Series = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    public const string Axis = "#9aa0a6";
    public const string Grid = "#eceff1";
    public const string Threshold = "#c62828";
    public const string Genuine = "#009E73";
    public const string Impostor = "#D55E00";

    public static string Of(int index) => Series[index % Series.Length];
}
