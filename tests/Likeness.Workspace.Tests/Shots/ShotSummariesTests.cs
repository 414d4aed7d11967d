using Likeness.Core.Identity;
using Likeness.Core.Shots;
using Likeness.Testing;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Shots.Listing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests.Shots;

/// <summary>
/// Shot summaries (<see cref="ShotSummaries"/>) read their brief fields from columns of their own
/// (<see cref="ShotSummaryColumns"/>): written from the shot on every save, and filled by migration 0032 for shots
/// stored before it, on both databases.
/// </summary>
public sealed class ShotSummariesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static readonly ShotScores Measured = new()
    {
        FaceAnalyzer = "dlib-resnet",
        FaceDetected = true,
        FaceDistanceMin = 0.31415926535897931,
        FaceDistanceMean = 0.42424242424242425,
        FaceDescriptor = [.. Enumerable.Range(0, 128).Select(i => i / 128f)],
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_summary_follows_its_shot_when_it_is_added_saved_whole_changed_in_place_and_released(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-instant");
        ShotSummaries summaries = cast.Workspace.Services.GetRequiredService<ShotSummaries>();
        var time = new ManualTime(Noon);
        Shot shot = Shot.Create(cast.Obama.Id, identity.Id, identity.Provider, ShotRunnerTests.Request(41), "summary-follows", time);
        await using (LikenessDbContext db = cast.Workspace.OpenDb())
        {
            db.Shots.Add(shot);
            await db.SaveChangesAsync();
        }

        ShotSummary pending = await OnlyAsync(summaries, cast.Obama.Id);
        Assert.Equal((ShotStatus.Pending, shot.Request.Prompt, "close-up-portrait", 41L, 0), (pending.Status, pending.Request.Prompt, pending.Request.Scenario, pending.Request.Seed, pending.ImageCount));
        Assert.Equal(new ShotScoresBrief(null, null, null, null), pending.Scores);

        // Made and scored, then saved detached and whole, as the runner saves a shot.
        shot.Succeed([new string('a', 64), new string('b', 64)], "request-1", 12, 0.02m, true, new Dictionary<string, string>(), time);
        shot.SetScores(Measured);
        await using (LikenessDbContext db = cast.Workspace.OpenDb())
        {
            db.Shots.Update(shot);
            await db.SaveChangesAsync();
        }

        ShotSummary made = await OnlyAsync(summaries, cast.Obama.Id);
        Assert.Equal((ShotStatus.Succeeded, 2, 0.02m, true), (made.Status, made.ImageCount, made.CostUsd, made.Simulated));
        Assert.Equal(new ShotScoresBrief(true, 0.31415926535897931, 0.42424242424242425, "dlib-resnet"), made.Scores);
        Assert.Null(made.Review);

        // Reviewed by the runner, then its images released, each on a tracked shot changed in place.
        await cast.Workspace.Shots.ReviewAsync(cast.Obama.Id, shot.Id, new ShotReview(true, Guid.NewGuid(), "ari", time.GetUtcNow()));
        await using (LikenessDbContext db = cast.Workspace.OpenDb())
        {
            Shot stored = await db.Shots.SingleAsync(s => s.Id == shot.Id);
            stored.ReleaseAssets();
            await db.SaveChangesAsync();
        }

        ShotSummary released = Assert.Single((await summaries.PageAsync(cast.Obama.Id, 10, null, new ShotFilter(Review: ShotReviewState.Accepted))).Shots);
        Shot full = await cast.Workspace.Shots.GetAsync(cast.Obama.Id, shot.Id);
        Assert.Equal((shot.Id, 0, (bool?)true), (released.Id, released.ImageCount, released.Review?.Accepted));
        Assert.Equal(made.Scores, released.Scores);
        Assert.Equal(Brief(full), (released.Request, released.ImageCount, released.Scores));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Shots_stored_before_the_summary_columns_get_them_from_their_stored_json(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-instant");
        ShotSummaries summaries = cast.Workspace.Services.GetRequiredService<ShotSummaries>();
        var time = new ManualTime(Noon);
        Shot scored = Shot.Create(cast.Obama.Id, identity.Id, identity.Provider, ShotRunnerTests.Request(7), "summary-scored", time);
        scored.Succeed([new string('a', 64), new string('b', 64), new string('c', 64)], null, 1, 0.01m, true, new Dictionary<string, string>(), time);
        scored.SetScores(Measured);
        // No scenario, the largest seed, no images and no scores.
        Shot failed = Shot.Create(cast.Obama.Id, identity.Id, identity.Provider, new ShotRequest { Prompt = "a portrait", Seed = long.MaxValue }, "summary-failed", time);
        failed.Fail("the provider said no", null, time);
        await using LikenessDbContext db = cast.Workspace.OpenDb();
        db.Shots.AddRange(scored, failed);
        await db.SaveChangesAsync();
        Shot[] shots = [.. (await cast.Workspace.Shots.ListAsync(cast.Obama.Id))];
        Assert.Equal(new[] { scored.Id, failed.Id }.Order(), shots.Select(s => s.Id).Order());

        // Back to before 0032: without the columns, as a database whose shots were stored before they existed.
        foreach (string column in ShotSummaryColumns.Names)
        {
            string drop = "ALTER TABLE \"Shots\" DROP COLUMN \"" + column + "\"";
            await db.Database.ExecuteSqlRawAsync(drop);
        }

        await db.Database.ExecuteSqlRawAsync("DELETE FROM likeness_migrations WHERE id = '0032_shot_summary'");
        Assert.Equal(["0032_shot_summary"], await SchemaMigrator.MigrateAsync(db));

        IReadOnlyList<ShotSummary> filled = await summaries.ListAsync(cast.Obama.Id);
        Assert.Equal(shots.Select(s => s.Id), filled.Select(s => s.Id));
        foreach ((Shot shot, ShotSummary summary) in shots.Zip(filled))
        {
            var (request, images, scores) = Brief(shot);
            Assert.Equal((request, images, scores.FaceDetected, scores.FaceAnalyzer), (summary.Request, summary.ImageCount, summary.Scores.FaceDetected, summary.Scores.FaceAnalyzer));
            Near(scores.FaceDistanceMin, summary.Scores.FaceDistanceMin);
            Near(scores.FaceDistanceMean, summary.Scores.FaceDistanceMean);
        }
    }

    private static async Task<ShotSummary> OnlyAsync(ShotSummaries summaries, Guid characterId)
    {
        ShotSummaryPage page = await summaries.PageAsync(characterId, 10, null);
        Assert.Null(page.Next);
        return Assert.Single(page.Shots);
    }

    // SQLite reads a distance back from its JSON text with its own number parser, which may miss the last bit.
    private static void Near(double? expected, double? actual)
    {
        Assert.Equal(expected.HasValue, actual.HasValue);
        if (expected is { } value)
        {
            Assert.Equal(value, actual!.Value, 1e-15);
        }
    }

    // What a summary shows of a full shot.
    private static (ShotRequestBrief Request, int Images, ShotScoresBrief Scores) Brief(Shot shot) => (
        new ShotRequestBrief(shot.Request.Prompt, shot.Request.Scenario, shot.Request.Seed),
        shot.Assets.Count,
        new ShotScoresBrief(shot.Scores.FaceDetected, shot.Scores.FaceDistanceMin, shot.Scores.FaceDistanceMean, shot.Scores.FaceAnalyzer));
}
