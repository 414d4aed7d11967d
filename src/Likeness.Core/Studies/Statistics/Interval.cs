namespace Likeness.Core.Studies.Statistics;

/// <summary>A confidence interval [Low, High].</summary>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound.</param>
public sealed record Interval(double Low, double High);
