namespace Likeness.Core.Videos;

/// <summary>
/// What following the character through a made video found: how often a face was seen, how often it kept the
/// character under the threshold, the median distance, and how many breaks (runs of drift or of another cast member)
/// there were; with the stored per-frame report (JSON) and its chart (HTML).
/// </summary>
/// <param name="DetectionRate">Share of sampled frames with a face.</param>
/// <param name="KeptRate">Share of frames with a face that keep the character (null without a threshold).</param>
/// <param name="MedianDistance">Median face distance to the character's references (null without a face).</param>
/// <param name="Threshold">The threshold judged by (null when the character could not be calibrated).</param>
/// <param name="Breaks">Runs where the identity broke.</param>
/// <param name="ThresholdSource">"calibrated", "given" or "not calibrated: why".</param>
/// <param name="ReportSha256">The per-frame report (drift.json) in the asset store.</param>
/// <param name="ChartSha256">The self-contained chart (drift.html) in the asset store.</param>
public sealed record VideoIdentityCheck(
    double DetectionRate, double? KeptRate, double? MedianDistance, double? Threshold, int Breaks, string ThresholdSource, string ReportSha256, string ChartSha256);
