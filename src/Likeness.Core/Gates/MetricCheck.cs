namespace Likeness.Core.Gates;

/// <summary>One metric's judgement of a shot: its distance against the calibrated threshold it was judged by.</summary>
/// <param name="Metric">The gate metric (<see cref="GateMetrics"/>).</param>
/// <param name="Model">The engine that measured it.</param>
/// <param name="Distance">The shot's mean distance to the references; null when not measurable (no face).</param>
/// <param name="Threshold">The calibrated threshold.</param>
/// <param name="CalibrationId">The <see cref="CharacterCalibration"/> the threshold came from.</param>
/// <param name="CalibrationVersion">Its version.</param>
public sealed record MetricCheck(string Metric, string Model, double? Distance, double Threshold, Guid CalibrationId, int CalibrationVersion)
{
    /// <summary>Whether the distance is at or below the threshold.</summary>
    public bool Passed => Distance is { } d && d <= Threshold;
}
