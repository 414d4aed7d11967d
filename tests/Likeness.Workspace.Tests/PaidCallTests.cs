using Likeness.Core.Costs;
using Likeness.Core.Providers;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests;

/// <summary>The ledger's and the claim's side of a paid call, shared by shots and videos.</summary>
public sealed class PaidCallTests
{
    [Fact]
    public async Task Work_the_provider_answered_is_kept_and_charged_even_when_the_caller_gives_up_at_that_moment()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite);
        using var stop = new CancellationTokenSource();
        string? failed = null;
        bool kept = false;
        (PaidCall paid, ClaimTicket claim) = await ClaimAsync(cast);
        await using (claim)
        {
            ProviderException? failure = await paid.RunAsync(claim, Guid.NewGuid(), 0.50m, "test", Steps(
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
                reason => failed = reason), null, stop.Token);
            Assert.Null(failure);
        }

        Assert.True(kept);
        Assert.Null(failed);
        CostLedger ledger = await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId);
        Assert.Equal((0.40m, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
        Assert.Equal(ClaimState.Done, (await cast.Workspace.Services.GetRequiredService<ClaimBook>().FindBySubjectAsync(claim.SubjectId!.Value))?.State);
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
    public async Task A_call_broken_off_after_its_request_was_sent_is_neither_failed_nor_refunded_and_never_sent_again()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite);
        var reasons = new List<string>();
        int calls = 0;

        // The process stops under the call once its request went on the wire: its client disposed, a cancel it did not ask for.
        foreach (Exception thrown in new Exception[] { new ObjectDisposedException("HttpClient"), new OperationCanceledException() })
        {
            (PaidCall paid, ClaimTicket claim) = await ClaimAsync(cast);
            PaidSteps<decimal> steps = Steps(
                async _ =>
                {
                    calls++;
                    await SubmissionWatch.SendingAsync(CancellationToken.None);
                    throw thrown;
                },
                Task.FromResult,
                reasons.Add);
            await using (claim)
            {
                Exception caught = await Assert.ThrowsAnyAsync<Exception>(() => paid.RunAsync(claim, Guid.NewGuid(), 0.50m, "test", steps, null, CancellationToken.None));
                Assert.Same(thrown, caught);
                Assert.Equal(ClaimState.Submitted, claim.State);
            }

            // Released at once as it stands: the next acquirer takes it over and, unable to ask the provider about it, does not send it.
            ClaimTicket again = await paid.Claims.AcquireAsync(claim.Key, ClaimKind.Shot, cast.Obama.ProjectId, "sim-lora");
            await using (again)
            {
                Assert.True(again.Resumed);
                Assert.Equal(ClaimState.Submitted, again.State);
                Assert.False(await paid.ResumeAsync(again, simulated: false, steps));
            }
        }

        Assert.Equal(2, calls);
        Assert.Empty(reasons);
        Assert.Equal(1.00m, (await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId)).ReservedUsd);
    }

    [Fact]
    public async Task A_collect_is_settled_only_by_the_providers_verdict_on_the_job_and_otherwise_kept_as_it_stands()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite);
        var reasons = new List<string>();
        (Exception Thrown, bool Verdict)[] collects =
        [
            (new ProviderException("fal", "Reading the status failed with HTTP 503", 503, retriable: true), false),
            (new ProviderException("fal", "Reading the status failed with HTTP 429", 429, retriable: true), false),
            (new ProviderUnavailableException("fal", "not sent, fal is failing (its circuit is open)"), false),
            (new HttpRequestException("Connection reset by peer"), false),
            (new ProviderException("fal", "The request failed: CUDA out of memory", 500), true),
        ];

        foreach ((Exception thrown, bool verdict) in collects)
        {
            // A call sent with the provider's request id recorded, left by a process that stopped.
            (PaidCall paid, ClaimTicket claim) = await ClaimAsync(cast);
            await using (claim)
            {
                await paid.ReserveAsync(claim, null, 0.50m, "test", null, CancellationToken.None);
                await paid.Claims.RecordJobAsync(claim, "app#request", CancellationToken.None);
                await paid.Claims.ReleaseAsync(claim);
            }

            ClaimTicket again = await paid.Claims.AcquireAsync(claim.Key, ClaimKind.Shot, cast.Obama.ProjectId, "sim-lora");
            await using (again)
            {
                Assert.True(again.Resumed);
                PaidSteps<decimal> steps = Steps(_ => throw new InvalidOperationException("A collected call is never sent again."), Task.FromResult, reasons.Add)
                    with { Resume = _ => throw thrown };
                if (verdict)
                {
                    Assert.True(await paid.ResumeAsync(again, simulated: false, steps));
                    Assert.Equal(ClaimState.Failed, again.State);
                }
                else
                {
                    Assert.Same(thrown, await Assert.ThrowsAnyAsync<Exception>(() => paid.ResumeAsync(again, simulated: false, steps)));
                    PaidClaim? kept = await paid.Claims.FindAsync(claim.Key);
                    Assert.Equal((ClaimState.Submitted, "app#request"), (kept?.State, kept?.ProviderJobId));
                }
            }
        }

        // Only the verdict failed its row and was refunded; the others stay reserved for their next collect.
        Assert.Equal(["The request failed: CUDA out of memory"], reasons);
        Assert.Equal(2.00m, (await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId)).ReservedUsd);
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
    public async Task A_cancellation_the_provider_bills_is_rethrown_and_its_charge_committed()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite);
        var reasons = new List<string>();

        // Ctrl+C while a Replicate prediction ran: the caller sees a cancellation, the books the GPU time it ran.
        await Assert.ThrowsAsync<BilledCancellationException>(() => RunThrowingAsync(
            cast, new BilledCancellationException("Prediction p3 was cancelled after it started.", 0.0763m, "p3", CancellationToken.None), reasons));

        Assert.Equal(["cancelled"], reasons);
        CostLedger ledger = await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId);
        Assert.Equal((0.0763m, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
    }

    [Fact]
    public async Task A_row_that_cannot_be_recorded_releases_its_reservation()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite);
        bool called = false;
        (PaidCall paid, ClaimTicket claim) = await ClaimAsync(cast);
        await using (claim)
        {
            PaidSteps<decimal> steps = Steps(_ =>
            {
                called = true;
                return Task.FromResult(1m);
            }, Task.FromResult, _ => { }) with { RecordPending = _ => throw new IOException("database gone") };
            await Assert.ThrowsAsync<IOException>(() => paid.RunAsync(claim, Guid.NewGuid(), 0.50m, "test", steps, null, CancellationToken.None));
        }

        Assert.False(called);
        Assert.Equal(0m, (await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId)).ReservedUsd);
    }

    /// <summary>A paid call under a fresh claim whose provider call throws <paramref name="thrown"/>, recording the failure reasons in <paramref name="reasons"/>.</summary>
    private static async Task<ProviderException?> RunThrowingAsync(CastWorkspace cast, Exception thrown, List<string> reasons)
    {
        (PaidCall paid, ClaimTicket claim) = await ClaimAsync(cast);
        await using (claim)
        {
            ProviderException? failure = await paid.RunAsync(claim, Guid.NewGuid(), 0.50m, "test", Steps(_ => throw thrown, Task.FromResult, reasons.Add), null, CancellationToken.None);
            Assert.Equal(ClaimState.Failed, claim.State);
            return failure;
        }
    }

    [Fact]
    public async Task An_answer_that_cannot_be_stored_stays_held_and_is_charged_once_when_resumed_without_calling_again()
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite);
        int calls = 0;
        bool storable = false;
        (PaidCall paid, ClaimTicket claim) = await ClaimAsync(cast);
        PaidSteps<decimal> steps = Steps(_ =>
        {
            calls++;
            return Task.FromResult(0.30m);
        }, cost => storable ? Task.FromResult(cost) : throw new UnauthorizedAccessException("assets folder is read-only"), _ => { });
        await using (claim)
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => paid.RunAsync(claim, Guid.NewGuid(), 0.50m, "test", steps, null, CancellationToken.None));
        }

        Assert.Equal(0.50m, (await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId)).ReservedUsd);

        // Released at once: the next acquirer takes it over with the answer held, and finishes it without a call.
        ClaimTicket again = await paid.Claims.AcquireAsync(claim.Key, ClaimKind.Shot, cast.Obama.ProjectId, "sim-lora");
        await using (again)
        {
            Assert.True(again.Resumed);
            Assert.Equal(ClaimState.Answered, again.State);
            storable = true;
            Assert.True(await paid.ResumeAsync(again, simulated: true, steps));
        }

        Assert.Equal(1, calls);
        CostLedger ledger = await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId);
        Assert.Equal((0.30m, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
    }

    private static async Task<(PaidCall Paid, ClaimTicket Claim)> ClaimAsync(CastWorkspace cast)
    {
        PaidCall paid = cast.Workspace.Services.GetRequiredService<PaidCall>();
        return (paid, await paid.Claims.AcquireAsync($"test:{Guid.NewGuid():N}", ClaimKind.Shot, cast.Obama.ProjectId, "sim-lora"));
    }

    private static PaidSteps<decimal> Steps(Func<CancellationToken, Task<decimal>> call, Func<decimal, Task<decimal>> keep, Action<string> failed) => new(
        _ => Task.CompletedTask,
        call,
        _ => null,
        keep,
        _ => { },
        (reason, _) =>
        {
            failed(reason);
            return Task.CompletedTask;
        });
}
