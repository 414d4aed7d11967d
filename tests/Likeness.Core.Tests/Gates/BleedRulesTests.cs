using Likeness.Core.Gates.Bleed;

namespace Likeness.Core.Tests.Gates;

/// <summary>Matching a multi-character shot's faces to the cast: twice, missing, ambiguous, strangers.</summary>
public sealed class BleedRulesTests
{
    private static readonly Guid Ada = Guid.NewGuid(), Bo = Guid.NewGuid(), Calibration = Guid.NewGuid();

    /// <summary>A face at <paramref name="toAda"/> from Ada (threshold 0.5) and <paramref name="toBo"/> from Bo (threshold 0.4).</summary>
    private static IReadOnlyList<CastDistance> Face(double toAda, double toBo) =>
        [new(Ada, "Ada", toAda, 0.5, Calibration, 1), new(Bo, "Bo", toBo, 0.4, Calibration, 1)];

    [Fact]
    public void Each_expected_character_once_and_clearly_is_clean()
    {
        BleedCheck check = BleedRules.Check([Face(0.30, 0.70), Face(0.80, 0.20)], [Ada, Bo]);
        Assert.False(check.Bled);
        Assert.Equal([Ada, Bo], check.Faces.Select(f => f.CharacterId!.Value));
        Assert.Equal((0, 0, 0), (check.Duplicated.Count, check.Missing.Count, check.Ambiguous));
    }

    [Fact]
    public void One_character_twice_bleeds_and_the_other_is_missing()
    {
        BleedCheck check = BleedRules.Check([Face(0.30, 0.70), Face(0.35, 0.90)], [Ada, Bo]);
        Assert.True(check.Bled);
        Assert.Equal([Ada], check.Duplicated);
        Assert.Equal([Bo], check.Missing);
    }

    [Fact]
    public void A_stranger_in_place_of_a_character_leaves_it_missing()
    {
        BleedCheck check = BleedRules.Check([Face(0.30, 0.70), Face(0.90, 0.85)], [Ada, Bo]);
        Assert.Equal([Bo], check.Missing);
        Assert.Null(check.Faces[1].CharacterId);
        Assert.False(check.Faces[1].Ambiguous);
        Assert.True(check.Bled);

        // A stranger beside both characters (a passer-by) is no bleed.
        Assert.False(BleedRules.Check([Face(0.30, 0.70), Face(0.80, 0.20), Face(0.90, 0.85)], [Ada, Bo]).Bled);
    }

    [Fact]
    public void A_face_under_both_thresholds_or_within_the_margin_is_ambiguous()
    {
        BleedCheck both = BleedRules.Check([Face(0.30, 0.35), Face(0.80, 0.20)], [Ada, Bo]);
        Assert.True(both.Faces[0].Ambiguous);
        Assert.Null(both.Faces[0].CharacterId);
        Assert.Equal((1, true), (both.Ambiguous, both.Bled));

        // Over Bo's threshold (0.4) but within 0.05 of Ada's distance: still too close to tell.
        Assert.True(BleedRules.Check([Face(0.38, 0.42), Face(0.80, 0.20)], [Ada, Bo]).Faces[0].Ambiguous);
        Assert.False(BleedRules.Check([Face(0.38, 0.42), Face(0.80, 0.20)], [Ada, Bo], margin: 0.03).Faces[0].Ambiguous);
        Assert.False(BleedRules.Check([Face(0.30, 0.45), Face(0.80, 0.20)], [Ada, Bo]).Bled);
    }

    [Fact]
    public void No_face_at_all_misses_everyone_and_a_negative_margin_is_refused()
    {
        BleedCheck none = BleedRules.Check([], [Ada, Bo]);
        Assert.Equal([Ada, Bo], none.Missing);
        Assert.Throws<ArgumentOutOfRangeException>(() => BleedRules.Check([], [Ada], margin: -0.1));
    }
}
