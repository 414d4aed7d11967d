using Likeness.Core;
using Likeness.Core.Gates;
using Likeness.Core.Identity;
using Likeness.Core.Shots;
using Likeness.Workspace.Gates;
using Likeness.Workspace.Persistence;
using Xunit.Abstractions;

namespace Likeness.Workspace.Tests.Gates;

/// <summary>
/// Multi-character bleed on the sim: it composes the two demo characters into one frame and, per slot, keeps the
/// character, shows the other one in its place, or leaves it out; the gate must flag the bled shots (one character
/// twice, one missing) by that ground truth.
/// </summary>
public sealed class BleedGateTests(ITestOutputHelper output)
{
    private static readonly ShotRequest TwoShot = new()
    {
        Prompt = "obama-trigger and biden-trigger side by side, portrait", Scenario = "close-up-portrait", Width = 768, Height = 384, Seed = 7000,
    };

    [Fact]
    public async Task Two_person_shots_are_flagged_as_bleed_by_the_sims_ground_truth()
    {
        await using CastWorkspace cast = await GateCast.CreateAsync(DatabaseKind.Sqlite, 0.6, GateCast.FaceApiPhotos, multiCharacter: true);
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-gate");
        GateResult result = await cast.Workspace.Gate.RunAsync(new GateRequest
        {
            Character = cast.Obama, Companions = [cast.Biden], Identity = identity, Shot = TwoShot,
            Keep = 40, MaxAttempts = 40, MaxCostUsd = 10m, TargetFalseAcceptRate = 0.05,
        });

        Assert.Equal(40, result.Attempts);
        string[] expected = [.. new[] { cast.Obama.TriggerToken, cast.Biden.TriggerToken }.Order(StringComparer.Ordinal)];
        int truePositive = 0, falseNegative = 0, falsePositive = 0, trueNegative = 0;
        foreach (Shot shot in result.Kept.Concat(result.Rejected))
        {
            Assert.Equal([cast.Biden.Id], shot.Request.Companions);
            ShotVerdict verdict = shot.Verdict!;
            Assert.NotNull(verdict.Bleed);
            Assert.Equal(2, verdict.Checks.Count);
            // The sim's ground truth: who each slot shows. Two characters that trade places are both there: no bleed.
            string[] shown = shot.Metadata["sim.shown"].Split('|');
            bool bled = !shown.Order(StringComparer.Ordinal).SequenceEqual(expected);
            switch (bled, verdict.Kept)
            {
                case (true, false): truePositive++; Assert.Contains(verdict.Reason, new[] { VerdictReason.Bleed, VerdictReason.NoFace }); break;
                case (true, true): falseNegative++; break;
                case (false, false): falsePositive++; break;
                case (false, true): trueNegative++; break;
            }
        }

        output.WriteLine($"bled & flagged {truePositive}, bled & kept {falseNegative}, clean & flagged {falsePositive}, clean & kept {trueNegative}; " +
            $"rejected by reason: {string.Join(", ", result.RejectedBy.Select(r => $"{r.Key} {r.Value}"))}");
        int bledShots = truePositive + falseNegative, clean = falsePositive + trueNegative;
        Assert.InRange(bledShots, 10, 35);   // fidelity 0.6 a slot: about 58 % of two-person shots bleed (a swap does not)
        Assert.Equal(0, falseNegative);      // no bled shot is kept
        Assert.True(trueNegative >= 0.7 * clean, $"{trueNegative} of {clean} clean shots kept");

        // Each kind of bleed is told apart: a character twice, and one missing.
        Assert.Contains(result.Rejected, s => s.Verdict!.Bleed!.Duplicated.Count > 0);
        Assert.Contains(result.Rejected, s => s.Verdict!.Bleed!.Missing.Count > 0 && s.Verdict.Bleed.Duplicated.Count == 0);
    }

    [Fact]
    public async Task A_provider_that_cannot_make_multi_character_shots_is_refused_before_any_money_moves()
    {
        await using CastWorkspace cast = await GateCast.CreateAsync(DatabaseKind.Sqlite, 0.6, GateCast.FaceApiPhotos, multiCharacter: false);
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-gate");
        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => cast.Workspace.Gate.RunAsync(new GateRequest
        {
            Character = cast.Obama, Companions = [cast.Biden], Identity = identity, Shot = TwoShot,
            Keep = 1, MaxAttempts = 2, MaxCostUsd = 1m, TargetFalseAcceptRate = 0.05,
        }));
        Assert.Equal(DomainRules.MultiCharacter, refused.Rule);
        Assert.Equal(0m, (await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId)).CommittedUsd);
        Assert.Equal(0m, (await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId)).ReservedUsd);
        await Assert.ThrowsAsync<InvalidInputException>(() => cast.Workspace.Gate.RunAsync(new GateRequest
        {
            Character = cast.Obama, Companions = [cast.Obama], Identity = identity, Shot = TwoShot, Keep = 1, MaxAttempts = 2, MaxCostUsd = 1m,
        }));
    }
}
