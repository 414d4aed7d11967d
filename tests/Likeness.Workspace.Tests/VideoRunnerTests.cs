using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Core.Costs;
using Likeness.Core.Identity;
using Likeness.Core.Pins;
using Likeness.Core.Projects;
using Likeness.Core.Scenarios;
using Likeness.Core.Shots;
using Likeness.Core.Videos;
using Likeness.Workspace.Faces;
using System.Text.Json;
using Likeness.Testing;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Tests;

public sealed class VideoRunnerTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_video_is_reserved_per_second_stored_recorded_and_charged(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        Pin pin = await cast.Workspace.Pins.CreateAsync(cast.Obama);
        Video video = await cast.Workspace.Videos.GenerateAsync(pin, "sim-instant", "walks toward the camera", durationSeconds: 4, aspectRatio: "9:16");

        Assert.Equal(VideoStatus.Succeeded, video.Status);
        Assert.True(video.Simulated);
        Assert.Equal((4.0, SimClips.ContentType), (video.ActualSeconds, video.ContentType));
        Assert.Equal(0.112m * 4, video.CostUsd);
        byte[] file = await cast.Workspace.Assets.ReadAllBytesAsync(video.AssetSha256!);
        SimClips.AssertIsClip(file);

        CostLedger ledger = await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId);
        Assert.Equal((0.448m, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
        await using (LikenessDbContext db = cast.Workspace.OpenDb())
        {
            LedgerEntry reserve = await db.Ledger.SingleAsync(e => e.Kind == LedgerEntryKind.Reserve);
            Assert.Equal((0.448m, video.Id), (reserve.AmountUsd, reserve.SubjectId));
        }

        await cast.ReopenAsync();
        Video stored = Assert.Single(await cast.Workspace.Videos.ListAsync(cast.Obama.Id));
        Assert.Equal((video.Id, pin.Id, "sim-instant", VideoStatus.Succeeded, video.AssetSha256, 0.448m), (stored.Id, stored.PinId, stored.Provider, stored.Status, stored.AssetSha256, stored.CostUsd));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_failed_video_is_recorded_and_refunded_and_an_unaffordable_one_is_refused_before_any_call(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind, failureRate: 1);
        Pin pin = await cast.Workspace.Pins.CreateAsync(cast.Biden);
        Video video = await cast.Workspace.Videos.GenerateAsync(pin, "sim-instant", "turns to the window", 5);
        Assert.Equal(VideoStatus.Failed, video.Status);
        Assert.Contains("Simulated provider error", video.Error, StringComparison.Ordinal);
        Assert.Null(video.AssetSha256);
        CostLedger ledger = await cast.Workspace.Ledger.ReadAsync(cast.Biden.ProjectId);
        Assert.Equal((0m, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
        await using (LikenessDbContext db = cast.Workspace.OpenDb())
        {
            Assert.Equal([LedgerEntryKind.Reserve, LedgerEntryKind.Refund], (await db.Ledger.Select(e => e.Kind).ToListAsync()).Order());
            Project project = await db.Projects.SingleAsync(p => p.Id == cast.Biden.ProjectId);
            project.SetBudget(0.50m);
            await db.SaveChangesAsync();
        }

        Assert.Equal(VideoStatus.Failed, Assert.Single(await cast.Workspace.Videos.ListAsync(cast.Biden.Id)).Status);
        string refused = (await Assert.ThrowsAsync<InsufficientBudgetException>(() => cast.Workspace.Videos.GenerateAsync(pin, "sim-instant", "turns", 5))).Message;
        Assert.Contains("estimated at $0.5600", refused, StringComparison.Ordinal);
        Assert.Single(await cast.Workspace.Videos.ListAsync(cast.Biden.Id));

        string cannot = (await Assert.ThrowsAsync<RuleViolationException>(() => cast.Workspace.Videos.GenerateAsync(pin, "astria", "turns", 5))).Message;
        Assert.Equal("Provider 'astria' cannot do this (video from elements). Providers that can: fal, sim-instant.", cannot);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_price_file_in_the_home_changes_estimates_reservations_and_charges(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        await File.WriteAllTextAsync(cast.Folder.Combine("prices.json"), """
            {"prices": [
              {"provider": "sim-instant", "app": "sim-instant/elementvideo", "usd": 0.25, "source": "test"},
              {"provider": "sim-instant", "app": "sim-instant/referencegeneration", "usd": 1.0},
              {"provider": "leonardo", "app": "leonardo/kino-xl-character-reference", "unit": "image", "usd": 0.03}
            ]}
            """);
        await cast.ReopenAsync();
        Assert.Equal(0.03m, cast.Workspace.Providers.Describe("leonardo").Prices.Prices.Single().Usd);

        Video video = await cast.Workspace.Videos.GenerateAsync(await cast.Workspace.Pins.CreateAsync(cast.Obama), "sim-instant", "walks", 2);
        Assert.Equal(0.50m, video.CostUsd);
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-instant");
        var shot = await cast.Workspace.Shots.GenerateAsync(cast.Obama, identity, new ShotRequest { Prompt = StandardScenarios.Get("profile").Scene, Width = 200, Height = 250, Seed = 1 });
        Assert.Equal(1.0m * 200 * 250 / 1_000_000m, shot.Shot.CostUsd);
        Assert.Equal(0.50m + 0.05m, (await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId)).CommittedUsd);
    }

    [Fact]
    public async Task A_bad_price_file_stops_the_workspace_from_opening_naming_the_line()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.Combine("prices.json"), """{"prices": [{"provider": "sim-lora", "app": "sim-lora/training", "usd": 1}, {"provider": "sim-lora", "app": "sim-lora/training-xl", "usd": 1}]}""");
        var options = new WorkspaceOptions { Home = folder.Path };
        string message = (await Assert.ThrowsAsync<InvalidInputException>(() => LikenessWorkspace.OpenAsync(options))).Message;
        Assert.Contains("prices.json: price line 2 (sim-lora sim-lora/training-xl): sim-lora has no app 'sim-lora/training-xl'", message, StringComparison.Ordinal);

        string missing = (await Assert.ThrowsAsync<InvalidInputException>(() => LikenessWorkspace.OpenAsync(new WorkspaceOptions { Home = folder.Path, PricesFile = folder.Combine("nope.json") }))).Message;
        Assert.Contains("nope.json (LIKENESS_PRICES) does not exist", missing, StringComparison.Ordinal);
    }

    [FfmpegFact]
    public async Task A_made_video_is_followed_frame_by_frame_and_the_check_is_stored_with_it()
    {
        FaceEngine faces = FaceEngine.TryLoadDefault(out string? problem) ?? throw new InvalidOperationException(problem);
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite, faces: faces);
        Pin pin = await cast.Workspace.Pins.CreateAsync(cast.Obama);

        Video video = await cast.Workspace.Videos.GenerateAsync(pin, "sim-instant", "walks toward the camera", durationSeconds: 3);

        Assert.True(video.IdentityChecked, video.IdentityNote);
        Assert.Equal("calibrated", video.IdentityNote);
        // The sim films the pinned frontal photo: a face in every sampled frame, and it is the character's.
        Assert.Equal(1.0, video.IdentityDetectionRate);
        Assert.Equal(1.0, video.IdentityKeptRate);
        Assert.Equal(0, video.IdentityBreaks);
        Assert.InRange(video.IdentityMedianDistance!.Value, 0, video.IdentityThreshold!.Value);

        await cast.ReopenAsync();
        Video stored = Assert.Single(await cast.Workspace.Videos.ListAsync(cast.Obama.Id));
        Assert.Equal((video.IdentityReportSha256, video.IdentityKeptRate, video.IdentityBreaks), (stored.IdentityReportSha256, stored.IdentityKeptRate, stored.IdentityBreaks));
        using JsonDocument report = JsonDocument.Parse(await cast.Workspace.Assets.ReadAllBytesAsync(stored.IdentityReportSha256!));
        Assert.Equal("Barack Obama", report.RootElement.GetProperty("character").GetString());
        Assert.Equal(6, report.RootElement.GetProperty("frames").GetInt32());
        string chart = System.Text.Encoding.UTF8.GetString(await cast.Workspace.Assets.ReadAllBytesAsync(stored.IdentityChartSha256!));
        Assert.Contains("<svg", chart, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_face_engine_a_made_video_is_kept_and_says_why_it_was_not_checked()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite);
        Pin pin = await cast.Workspace.Pins.CreateAsync(cast.Biden);

        Video video = await cast.Workspace.Videos.GenerateAsync(pin, "sim-instant", "turns to the window", 2);

        Assert.Equal(VideoStatus.Succeeded, video.Status);
        Assert.False(video.IdentityChecked);
        Assert.Equal("not checked: no face engine is installed (models/faceapi)", video.IdentityNote);
        Assert.Null(video.IdentityDetectionRate);
        Video stored = Assert.Single(await cast.Workspace.Videos.ListAsync(cast.Biden.Id));
        Assert.Equal(video.IdentityNote, stored.IdentityNote);
    }
}
