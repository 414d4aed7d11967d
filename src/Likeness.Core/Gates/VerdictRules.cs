using Likeness.Core.Gates.Bleed;
using Likeness.Core.Shots;

namespace Likeness.Core.Gates;

/// <summary>
/// How a gate judges a shot, in order: a failed call has nothing to judge; a moderated image is not the character;
/// a near-copy of a reference is rejected whatever its distance (it passes by handing the reference back); a
/// multi-character shot whose cast check bled (a character twice, one missing, an ambiguous face) rejects as "bleed"
/// (one with no face at all as "no face");
/// a face metric with no face found rejects as "no face"; any check over its threshold rejects as "identity"; else kept.
/// </summary>
public static class VerdictRules
{
    /// <summary>The verdict on <paramref name="shot"/> from its checks and copy-paste flag.</summary>
    public static ShotVerdict Judge(Shot shot, IReadOnlyList<MetricCheck> checks, bool copyPaste, double? copySimilarity, Guid? capId, int attempt, BleedCheck? bleed = null)
    {
        ArgumentNullException.ThrowIfNull(shot);
        ArgumentNullException.ThrowIfNull(checks);
        VerdictReason reason = shot.Status switch
        {
            ShotStatus.Failed or ShotStatus.Pending => VerdictReason.Failed,
            ShotStatus.Moderated => VerdictReason.Moderated,
            _ when copyPaste => VerdictReason.CopyPaste,
            _ when bleed is { Bled: true, Faces.Count: > 0 } => VerdictReason.Bleed,
            _ when checks.Any(c => c.Metric == GateMetrics.Face && c.Distance is null) => VerdictReason.NoFace,
            _ when checks.Count == 0 || checks.Any(c => !c.Passed) => VerdictReason.Identity,
            _ => VerdictReason.Kept,
        };
        return new ShotVerdict
        {
            Kept = reason == VerdictReason.Kept,
            Reason = reason,
            Checks = checks,
            CopySimilarity = copySimilarity,
            Bleed = bleed,
            CapId = capId,
            Attempt = attempt,
        };
    }
}
