using Likeness.Core.Gates;
using Likeness.Core.Identity;
using Likeness.Core.Shots;
using Likeness.Core.Studies;
using Likeness.Core.Studies.Gating;
using Likeness.Testing;
using Likeness.Workspace.Faces;
using Likeness.Workspace.Gates;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Studies;
using Likeness.Workspace.Studies.Definition;

namespace Likeness.Workspace.Tests.Gates;

/// <summary><c>--preview</c>: cheap drafts first, the full shot with the same seed only for accepted drafts, both paid and recorded.</summary>
public sealed class PreviewTests
{
    [Fact]
    public void A_draft_is_half_the_size_where_pixels_are_priced_else_a_quarter_of_the_steps()
    {
        var full = new ShotRequest { Prompt = "p", Width = 896, Height = 1152, Seed = 7 };
        Assert.Equal((448, 576, (int?)null, 7L), Shape(DraftRequest.For(full, Core.Costs.PriceUnit.Megapixel)));
        Assert.Equal((896, 1152, (int?)7, 7L), Shape(DraftRequest.For(full, Core.Costs.PriceUnit.Image)));
        Assert.Equal((256, 256, (int?)null, 7L), Shape(DraftRequest.For(full with { Width = 320, Height = 256 }, Core.Costs.PriceUnit.Megapixel)));
        Assert.Equal(4, DraftRequest.For(full with { Steps = 8 }, Core.Costs.PriceUnit.Image).Steps);

        static (int, int, int?, long) Shape(ShotRequest r) => (r.Width, r.Height, r.Steps, r.Seed);
    }

    [Fact]
    public async Task Full_shots_are_made_only_for_accepted_drafts_with_the_same_seed_and_both_are_paid()
    {
        await using CastWorkspace cast = await GateCast.CreateAsync(DatabaseKind.Sqlite, 0.5, GateCast.FaceApiPhotos);
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-gate");
        var shot = new ShotRequest { Prompt = "portrait", Scenario = "close-up-portrait", Width = 320, Height = 384, Seed = 3000 };
        GateResult result = await cast.Workspace.Gate.RunAsync(new GateRequest
        {
            Character = cast.Obama, Identity = identity, Shot = shot, Keep = 3, MaxAttempts = 30, MaxCostUsd = 1m, TargetFalseAcceptRate = 0.05, Preview = GatePreview.Drafts,
        });

        Assert.Equal(3, result.Kept.Count);
        Assert.Equal(result.Attempts, result.Drafts.Count);
        Assert.All(result.Drafts, d => Assert.True(d.Verdict!.Draft));
        Assert.All(result.Drafts, d => Assert.Equal(DraftRequest.MinSteps + 3, d.Request.Steps));
        List<Shot> full = [.. result.Kept.Concat(result.Rejected)];
        Assert.All(full, f => Assert.False(f.Verdict!.Draft));

        // A full shot exists exactly for each accepted draft, with its seed and attempt.
        Assert.Equal(
            result.Drafts.Where(d => d.Verdict!.Kept).Select(d => (d.Request.Seed, d.Verdict!.Attempt)).Order(),
            full.Select(f => (f.Request.Seed, f.Verdict!.Attempt)).Order());
        Assert.Contains(result.Drafts, d => !d.Verdict!.Kept);

        // The sim ignores steps, so a draft here is the full shot's picture: its verdict predicts the full shot's exactly.
        Assert.Empty(result.Rejected);
        Assert.Equal((result.Drafts.Count + full.Count) * GateCast.PricePerShot, result.SpentUsd);
    }

    [Fact]
    public async Task Each_attempt_may_admit_a_draft_and_a_full_shot_so_the_attempts_not_the_cap_stop_a_failing_preview()
    {
        await using CastWorkspace cast = await GateCast.CreateAsync(DatabaseKind.Sqlite, 0.0, GateCast.FaceApiPhotos);
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-gate");
        var shot = new ShotRequest { Prompt = "portrait", Scenario = "close-up-portrait", Width = 320, Height = 384, Seed = 4000 };
        GateResult result = await cast.Workspace.Gate.RunAsync(new GateRequest
        {
            Character = cast.Obama, Identity = identity, Shot = shot, Keep = 1, MaxAttempts = 4, MaxCostUsd = 1m, TargetFalseAcceptRate = 0.05, Preview = GatePreview.Check,
        });

        // Fidelity 0: nothing passes; four seeds, each a draft and a full shot, then the attempts run out.
        Assert.Equal((GateStop.MaxAttempts, 4, 4, 4), (result.Stop, result.Attempts, result.Drafts.Count, result.Rejected.Count));
        Assert.Equal(8 * GateCast.PricePerShot, result.SpentUsd);
    }

    [Fact]
    public async Task A_study_with_preview_check_reports_draft_and_full_costs_and_how_often_the_draft_verdict_predicts_the_full_shots()
    {
        var pixels = GateCast.Profile(0.6) with { Name = "sim-pixels", PricePerImageUsd = null, PricePerMegapixelUsd = 0.04m };
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(
            DatabaseKind.Sqlite,
            faces: FaceEngine.TryLoadDefault(out string? problem) ?? throw new InvalidOperationException(problem),
            configure: o => o with { SimProfiles = [pixels], DistractorsPath = GateCast.FaceApiPhotos });
        using var output = new TempFolder();
        StudyDefinition study = StudyFile.Parse(
            $"name: Preview\ncharacters: [\"{cast.Obama.Name}\"]\nproviders: [sim-pixels]\nscenarios: [close-up-portrait]\nmegapixels: 0.5\n" +
            "target_false_accept_rate: 0.05\ngate: { keep: 3, max_attempts: 12, max_cost: 1, preview: check }\n",
            "preview.yaml",
            output.Path);
        StudyRunSummary run = await new StudyRunner(cast.Workspace).RunAsync(study, output.Path);

        List<StudyShotResult> drafts = [.. run.Results.Shots.Where(s => s.Draft == true)];
        List<StudyShotResult> full = [.. run.Results.Shots.Where(s => s.Draft != true)];
        Assert.Equal(drafts.Select(d => (d.Variation, d.Seed)), full.Select(f => (f.Variation, f.Seed)));
        Assert.All(full, f => Assert.Equal(0.04m * 640 * 832 / 1_000_000m, f.CostUsd));
        Assert.All(drafts, d => Assert.Equal(0.04m * 320 * 384 / 1_000_000m, d.CostUsd));

        GateStatistics gate = Assert.Single(run.Analysis.Gate);
        Assert.Equal((drafts.Count, full.Count, 3), (gate.Drafts, gate.Attempts, gate.Kept));
        Assert.Equal(drafts.Sum(d => d.CostUsd!.Value), gate.DraftSpentUsd);
        Assert.Equal(drafts.Sum(d => d.CostUsd!.Value) + full.Sum(f => f.CostUsd!.Value), gate.SpentUsd);
        int agree = drafts.Zip(full).Count(p => (p.First.Verdict == VerdictCodes.Kept) == (p.Second.Verdict == VerdictCodes.Kept));
        Assert.Equal((agree, full.Count), (gate.DraftAgreement!.Successes, gate.DraftAgreement.Trials));
        Assert.Equal(gate.DraftAgreement.WilsonCi95, Core.Studies.Statistics.Wilson.Interval(agree, full.Count));

        // Drafts stay out of the provider statistics.
        Assert.Equal(full.Count, run.Analysis.ByProvider[0].Shots);
    }
}
