using Likeness.Core.Costs;
using Likeness.Core.Providers;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Persistence;

namespace Likeness.Workspace.Tests;

/// <summary>The ledger's side of a paid call, shared by shots and videos.</summary>
public sealed class PaidCallTests
{
    [Fact]
    public async Task Work_the_provider_answered_is_kept_and_charged_even_when_the_caller_gives_up_at_that_moment()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite);
        using var stop = new CancellationTokenSource();
        string? failed = null;
        bool kept = false;
        ProviderException? failure = await PaidCall.RunAsync(
            cast.Workspace.Ledger, cast.Obama.ProjectId, Guid.NewGuid(), 0.50m, "test",
            _ => Task.CompletedTask,
            async _ =>
            {
                await stop.CancelAsync();
                return 0.40m;
            },
            cost =>
            {
                kept = true;
                return Task.FromResult(cost);
            },
            reason =>
            {
                failed = reason;
                return Task.CompletedTask;
            },
            stop.Token);

        Assert.Null(failure);
        Assert.True(kept);
        Assert.Null(failed);
        CostLedger ledger = await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId);
        Assert.Equal((0.40m, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
    }

    [Fact]
    public async Task A_provider_error_is_returned_and_anything_else_is_rethrown_both_refunded_with_the_reason_recorded()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite);
        var reasons = new List<string>();
        Task<ProviderException?> Run(Exception thrown) => RunThrowingAsync(cast, thrown, reasons);

        ProviderException? failure = await Run(new ProviderException("sim", "out of capacity"));
        Assert.Equal("out of capacity", failure?.Message);
        await Assert.ThrowsAsync<IOException>(() => Run(new IOException("disk full")));
        await Assert.ThrowsAsync<OperationCanceledException>(() => Run(new OperationCanceledException()));
        await Assert.ThrowsAsync<ArgumentException>(() => Run(new ArgumentException("Kling O1 makes 3 to 10 s of video (asked 12 s).")));

        Assert.Equal(
            ["out of capacity", "interrupted before the provider answered: disk full", "cancelled", "refused before sending: Kling O1 makes 3 to 10 s of video (asked 12 s)."],
            reasons);
        CostLedger ledger = await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId);
        Assert.Equal((0m, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
    }

    [Fact]
    public async Task A_failure_the_provider_still_billed_fails_the_row_and_commits_the_charge_while_an_unbilled_one_is_refunded()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite);
        var reasons = new List<string>();
        Task<ProviderException?> Run(ProviderException thrown) => RunThrowingAsync(cast, thrown, reasons);

        // Replicate charges a prediction canceled while running, never one aborted before it started.
        Assert.NotNull(await Run(new ProviderException("replicate", "Prediction p1 was canceled (charged for the time it ran).") { ChargedUsd = 0.0064m }));
        Assert.NotNull(await Run(new ProviderException("replicate", "Prediction p2 was aborted before it started (not charged).")));

        Assert.Equal(["Prediction p1 was canceled (charged for the time it ran).", "Prediction p2 was aborted before it started (not charged)."], reasons);
        CostLedger ledger = await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId);
        Assert.Equal((0.0064m, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
    }

    [Fact]
    public async Task A_row_that_cannot_be_recorded_releases_its_reservation()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite);
        bool called = false;
        await Assert.ThrowsAsync<IOException>(() => PaidCall.RunAsync(
            cast.Workspace.Ledger, cast.Obama.ProjectId, Guid.NewGuid(), 0.50m, "test",
            _ => throw new IOException("database gone"),
            _ =>
            {
                called = true;
                return Task.FromResult(1m);
            },
            cost => Task.FromResult(cost),
            _ => Task.CompletedTask,
            CancellationToken.None));

        Assert.False(called);
        Assert.Equal(0m, (await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId)).ReservedUsd);
    }

    /// <summary>A paid call whose provider call throws <paramref name="thrown"/>, recording the failure reasons in <paramref name="reasons"/>.</summary>
    private static Task<ProviderException?> RunThrowingAsync(CastWorkspace cast, Exception thrown, List<string> reasons) => PaidCall.RunAsync<decimal>(
        cast.Workspace.Ledger, cast.Obama.ProjectId, Guid.NewGuid(), 0.50m, "test",
        _ => Task.CompletedTask,
        _ => throw thrown,
        cost => Task.FromResult(cost),
        reason =>
        {
            reasons.Add(reason);
            return Task.CompletedTask;
        },
        CancellationToken.None);
}
