namespace Likeness.Core.Studies.Calibration;

/// <summary>The empirical error rates at one threshold (a shot passes when its distance is ≤ the threshold).</summary>
/// <param name="Threshold">The distance threshold.</param>
/// <param name="FalseAcceptRate">Share of impostor distances ≤ the threshold.</param>
/// <param name="FalseRejectRate">Share of genuine distances &gt; the threshold.</param>
public sealed record ErrorRatePoint(double Threshold, double FalseAcceptRate, double FalseRejectRate);
