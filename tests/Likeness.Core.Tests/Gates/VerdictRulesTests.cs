using Likeness.Core.Gates;
using Likeness.Core.Gates.Bleed;
using Likeness.Core.Shots;

namespace Likeness.Core.Tests.Gates;

/// <summary>The order of the gate's rules and the cap's rounding.</summary>
public sealed class VerdictRulesTests
{
    private static readonly Guid Calibration = Guid.NewGuid();

    private static Shot Made(bool moderated = false, bool failed = false)
    {
        var shot = Shot.Create(Guid.NewGuid(), Guid.NewGuid(), "sim", new ShotRequest { Prompt = "p" }, "key", TimeProvider.System);
        if (failed)
        {
            shot.Fail("boom", null, TimeProvider.System);
        }
        else if (moderated)
        {
            shot.Moderate(["sha"], null, 1, 0.01m, true, new Dictionary<string, string>(), TimeProvider.System);
        }
        else
        {
            shot.Succeed(["sha"], null, 1, 0.01m, true, new Dictionary<string, string>(), TimeProvider.System);
        }

        return shot;
    }

    private static MetricCheck Face(double? distance) => new(GateMetrics.Face, "faces", distance, 0.5, Calibration, 1);

    [Fact]
    public void Each_reason_is_given_in_order()
    {
        Assert.Equal(VerdictReason.Failed, VerdictRules.Judge(Made(failed: true), [Face(0.1)], false, null, null, 1).Reason);
        Assert.Equal(VerdictReason.Moderated, VerdictRules.Judge(Made(moderated: true), [Face(0.1)], false, null, null, 1).Reason);
        Assert.Equal(VerdictReason.CopyPaste, VerdictRules.Judge(Made(), [Face(0.1)], true, 0.99, null, 1).Reason);
        Assert.Equal(VerdictReason.NoFace, VerdictRules.Judge(Made(), [Face(null)], false, null, null, 1).Reason);
        Assert.Equal(VerdictReason.Identity, VerdictRules.Judge(Made(), [Face(0.51)], false, null, null, 1).Reason);
        Assert.Equal(VerdictReason.Identity, VerdictRules.Judge(Made(), [], false, null, null, 1).Reason);
        ShotVerdict kept = VerdictRules.Judge(Made(), [Face(0.5), new MetricCheck("dino", "d", 0.2, 0.3, Calibration, 1)], false, 0.5, null, 3);
        Assert.True(kept.Kept);
        Assert.Equal((VerdictReason.Kept, 3), (kept.Reason, kept.Attempt));
    }

    [Fact]
    public void A_bled_shot_is_rejected_as_bleed_after_copy_paste_and_one_with_no_face_as_no_face()
    {
        Guid ada = Guid.NewGuid(), bo = Guid.NewGuid();
        IReadOnlyList<CastDistance> Twice(double d) => [new(ada, "Ada", d, 0.5, Calibration, 1), new(bo, "Bo", 0.9, 0.5, Calibration, 1)];
        BleedCheck bled = BleedRules.Check([Twice(0.3), Twice(0.35)], [ada, bo]);
        ShotVerdict verdict = VerdictRules.Judge(Made(), [Face(0.3), Face(null)], false, null, null, 1, bled);
        Assert.Equal(VerdictReason.Bleed, verdict.Reason);
        Assert.Same(bled, verdict.Bleed);
        Assert.Equal(VerdictReason.CopyPaste, VerdictRules.Judge(Made(), [Face(0.3)], true, 0.99, null, 1, bled).Reason);
        Assert.Equal(VerdictReason.NoFace, VerdictRules.Judge(Made(), [Face(null), Face(null)], false, null, null, 1, BleedRules.Check([], [ada, bo])).Reason);
    }

    [Fact]
    public void A_cap_rounds_its_limit_down_and_estimates_up()
    {
        CostCap cap = CostCap.Create(Guid.NewGuid(), 0.3000009m, 30, TimeProvider.System);
        Assert.Equal(300_000, cap.LimitMicros);
        Assert.Equal(10_001, CostCap.ToMicros(0.0100001m, up: true));
        Assert.Throws<InvalidInputException>(() => CostCap.Create(Guid.NewGuid(), -1, null, TimeProvider.System));
        Assert.Throws<InvalidInputException>(() => CostCap.Create(Guid.NewGuid(), 1, 0, TimeProvider.System));
    }
}
