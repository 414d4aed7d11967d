using Likeness.Core.Studies.Statistics;

namespace Likeness.Workspace.Studies.Reporting.Charts;

/// <summary>One row of a per-provider chart: its label, colour, values or summary value, and interval.</summary>
internal sealed record SeriesRow(string Label, string Colour, IReadOnlyList<double> Values, double? Value, Interval? Interval, string? ValueText);
