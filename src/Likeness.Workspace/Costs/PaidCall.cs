using System.Text.Json;
using Likeness.Core;
using Likeness.Core.Costs;
using Likeness.Core.Providers;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Credits;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Costs;

/// <summary>
/// One paid provider call under a held claim, the same for shots and videos. In order, each step recorded before
/// the next: reserve the estimate on the claim (one transaction), record the row as pending, call; right before the
/// paid request goes on the wire (after any uploads it needs) the transport's sending signal marks the claim
/// submitted (<see cref="Sending"/>); hold the provider's answer in the claim, store its output in the asset store,
/// then mark the row succeeded, charge the actual cost and complete the claim (one transaction). A provider error, an
/// interruption before the request was sent or a cancel the caller asked for marks the row failed, refunds and fails
/// the claim. An interruption after the request was sent (the process stopping under the call), or a passing failure
/// while following a job the provider has (a 5xx or 429 from its status endpoint, a dropped connection, a timeout, an
/// open circuit: <see cref="ProviderException.Retriable"/>), gives nothing up: the claim is released as it stands, and a
/// re-run collects the answer or reports that it cannot, never sending it again.
/// Once the provider has answered nothing is given up either: when storing fails the claim is released with the answer
/// held, and a re-run or <c>likeness doctor</c> finishes it (<see cref="ResumeAsync"/>) without calling the provider again.
/// </summary>
public sealed class PaidCall(IDbContextFactory<LikenessDbContext> database, LedgerBook ledger, ClaimBook claims)
{
    private static readonly JsonSerializerOptions AnswerJson = new(JsonSerializerDefaults.Web);

    /// <summary>The claims it records on.</summary>
    internal ClaimBook Claims => claims;

    /// <summary>Runs the call; returns the provider's error when it failed with one, else null (it succeeded and was charged).</summary>
    internal async Task<ProviderException?> RunAsync<T>(
        ClaimTicket claim, Guid subjectId, decimal estimate, string label, PaidSteps<T> steps, Payer? payer, CancellationToken cancellationToken)
    {
        Guid reservationId = await ReserveAsync(claim, subjectId, estimate, label, payer, cancellationToken).ConfigureAwait(false);
        try
        {
            await steps.RecordPending(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await AbandonAsync(claim, reservationId, ex.Message, (_, _) => Task.CompletedTask).ConfigureAwait(false);
            throw;
        }

        T result;
        try
        {
            using (Sending(claim))
            {
                result = await steps.Call(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (BrokeOffAfterSending(claim, ex, cancellationToken))
        {
            // The request went on the wire and no verdict came: this process broke off (it is stopping: its client was
            // disposed under the call), or the provider could not be asked about the job it took (a passing failure of
            // its status endpoint). It may still finish and bill it, so the call is neither failed nor sent again: the
            // claim is released as it stands for a re-run, another node or the doctor to collect its answer (a recorded
            // request) or to report it (none recorded; see ResumeAsync).
            await claims.DeferAsync(claim, ex).ConfigureAwait(false);
            throw;
        }
        catch (ProviderException ex)
        {
            // Failed; when the provider billed it anyway (a cancelled Replicate prediction) the row fails and the charge stands.
            await AbandonAsync(claim, reservationId, ex.Message, steps.RecordFailed, ex.ChargedUsd).ConfigureAwait(false);
            return ex;
        }
        catch (ArgumentException ex)
        {
            // The provider's own checks of the request (limits it documents): nothing was sent, nothing is charged.
            await AbandonAsync(claim, reservationId, $"refused before sending: {ex.Message}", steps.RecordFailed).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex)
        {
            // Cancelled by the caller, or broken before the request was sent: no charge (unless the provider bills the
            // part that ran before the cancel), and the row says it did not finish.
            await AbandonAsync(
                claim, reservationId, ex is OperationCanceledException ? "cancelled" : $"interrupted before the provider answered: {ex.Message}", steps.RecordFailed,
                ex is BilledCancellationException billed ? billed.ChargedUsd : 0).ConfigureAwait(false);
            throw;
        }

        // The provider has been paid: from here on the caller's token no longer applies, and the answer is held first.
        await claims.HoldAnswerAsync(claim, JsonSerializer.Serialize(result, AnswerJson), steps.JobIdOf(result), CancellationToken.None).ConfigureAwait(false);
        await FinishAsync(claim, result, steps).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Registers, for the provider call made inside the returned scope, the sending signal that marks
    /// <paramref name="claim"/> submitted in the database right before the paid request goes on the wire (awaited: the
    /// request waits for it, and is not sent when it fails). Until then the claim stays working: a process that stops
    /// during the call's preparation (uploads to the provider's storage) leaves a claim a takeover refunds and sends afresh.
    /// </summary>
    internal IDisposable Sending(ClaimTicket claim) => SubmissionWatch.OnSending(cancellationToken => claims.MarkSentAsync(claim, cancellationToken));

    /// <summary>
    /// Reserves the estimate and records the reservation on the claim in one transaction: a reservation is never
    /// without the claim that explains it. The claim stays working (nothing is sent yet). When refused (the budget, the
    /// payer's credits or quotas) the claim is failed, free for the next request.
    /// </summary>
    internal async Task<Guid> ReserveAsync(ClaimTicket claim, Guid? subjectId, decimal estimate, string label, Payer? payer, CancellationToken cancellationToken)
    {
        try
        {
            await using LikenessDbContext db = database.CreateDbContext();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            LedgerEntry reservation = await ledger.ReserveAsync(db, claim.ProjectId, estimate, subjectId, label, payer, cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await claims.ReserveInAsync(db, claim, subjectId, reservation.ReservationId, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return reservation.ReservationId;
        }
        catch (Exception ex)
        {
            await claims.FailAsync(claim, ex is OperationCanceledException ? "cancelled" : ex.Message, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Settles a claim taken over from a process that stopped (a re-run's takeover, or the doctor): a held answer is
    /// stored and charged; a call sent to a provider that keeps it (a resume token recorded) has its answer collected; a
    /// call that was never sent (its claim still working: the process stopped before the sending signal, during the
    /// reservation or the uploads), or was sent to a simulated provider (it ran inside the process that stopped, so it
    /// made nothing), is failed and refunded, and the next request makes it afresh. Returns false, changing nothing,
    /// when the outcome is unknown: a real provider may have been sent the request and no answer was recorded. Only the
    /// provider's verdict on the job (<see cref="IsVerdict"/>) settles a collect; any other error (a 5xx or 429 from its
    /// status endpoint, a dropped connection, a timeout, an open circuit) is rethrown with the claim released as it
    /// stands, for the next collect.
    /// </summary>
    internal async Task<bool> ResumeAsync<T>(ClaimTicket claim, bool simulated, PaidSteps<T> steps)
    {
        if (claim.State == ClaimState.Answered && claim.Output is { } held)
        {
            T result = JsonSerializer.Deserialize<T>(held, AnswerJson) ?? throw new InvalidDataException($"The answer held for {claim.Key} is empty.");
            await FinishAsync(claim, result, steps).ConfigureAwait(false);
            return true;
        }

        // Sent once the claim says so (marked before the request left) or a job id exists (the provider has it).
        bool sent = claim.State == ClaimState.Submitted || claim.ProviderJobId is not null;
        if (sent && claim.ProviderJobId is { } token && steps.Resume is { } resume)
        {
            // Sent by a process that stopped, to a provider that keeps it: collect its answer rather than send it again.
            T answer;
            try
            {
                answer = await resume(token).ConfigureAwait(false);
            }
            catch (ProviderException ex) when (IsVerdict(ex))
            {
                // The provider's word on this job (it failed, was cancelled or refused, its result is gone): settled.
                await AbandonAsync(claim, claim.ReservationId, ex.Message, steps.RecordFailed, ex.ChargedUsd).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex)
            {
                // Not the provider's word on the job: it may still finish (and bill), so failing the claim here would free
                // the call for a second send. It stays as it stands, released for the next collect.
                await claims.DeferAsync(claim, ex).ConfigureAwait(false);
                throw;
            }

            await claims.HoldAnswerAsync(claim, JsonSerializer.Serialize(answer, AnswerJson), steps.JobIdOf(answer), CancellationToken.None).ConfigureAwait(false);
            await FinishAsync(claim, answer, steps).ConfigureAwait(false);
            return true;
        }

        if (!sent || simulated)
        {
            await AbandonAsync(
                claim, claim.ReservationId,
                sent ? "the process making it stopped before the provider answered; nothing was made" : "the process making it stopped before it sent the request; nothing was sent",
                steps.RecordFailed).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="error"/> ended a call whose request was already sent (its claim marked submitted, or a
    /// provider request recorded) and it is not the provider's word: its outcome is unknown, so failing the claim (which
    /// frees it for a fresh attempt) could pay for it twice; release it instead. That is any error but a provider's,
    /// and a provider's passing one once the provider has the job (its request id recorded, so it can be collected).
    /// A provider's other errors (a verdict, or a submission it refused), a cancel the caller asked for (the provider
    /// clients ask the provider to cancel a request nobody waits for) and a cancel the provider billed are failed as before.
    /// </summary>
    internal static bool BrokeOffAfterSending(ClaimTicket claim, Exception error, CancellationToken cancellationToken) =>
        (claim.State == ClaimState.Submitted || claim.ProviderJobId is not null)
        && !(error is OperationCanceledException && cancellationToken.IsCancellationRequested)
        && error switch
        {
            BilledCancellationException => false,
            ProviderException provider => claim.ProviderJobId is not null && !IsVerdict(provider),
            _ => true,
        };

    /// <summary>
    /// True when <paramref name="error"/> is the provider's verdict on a job it has (failed, cancelled, refused, its
    /// result gone: billed, see <see cref="ProviderException.ChargedUsd"/>): not a passing failure to ask about it
    /// (<see cref="ProviderException.Retriable"/>: a 5xx or 429 from its status endpoint, a dropped connection, a timeout,
    /// an open circuit), nor a lost answer, nor a key the provider refused (<see cref="ProviderException.KeyRefused"/>: it
    /// said nothing about the job). Only a verdict settles a call the provider may still be running.
    /// </summary>
    internal static bool IsVerdict(ProviderException error) => !error.Retriable && !error.OutcomeUnknown && !error.KeyRefused;

    private async Task FinishAsync<T>(ClaimTicket claim, T result, PaidSteps<T> steps)
    {
        try
        {
            decimal actual = await steps.Keep(result).ConfigureAwait(false);
            await using LikenessDbContext db = database.CreateDbContext();
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
            steps.Stage(db);
            await ledger.CommitAsync(db, claim.ProjectId, claim.ReservationId ?? throw new RuleViolationException($"The claim on {claim.Key} has no reservation to charge."), actual, CancellationToken.None).ConfigureAwait(false);
            await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
            await claims.CompleteInAsync(db, claim, CancellationToken.None).ConfigureAwait(false);
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            // The answer stays held in the claim: release it so that a re-run or `likeness doctor` finishes it now.
            await claims.ReleaseAsync(claim).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Marks the row failed, settles the reservation (when one is open) and fails the claim: refunded, or charged
    /// <paramref name="billedUsd"/> when the provider billed the failed call.
    /// </summary>
    internal async Task AbandonAsync(ClaimTicket claim, Guid? reservationId, string reason, Func<string, decimal, Task> recordFailed, decimal billedUsd = 0)
    {
        await recordFailed(reason, billedUsd).ConfigureAwait(false);
        if (reservationId is { } id && await ledger.IsOpenAsync(id, CancellationToken.None).ConfigureAwait(false))
        {
            await (billedUsd > 0
                ? ledger.CommitAsync(claim.ProjectId, id, billedUsd, CancellationToken.None)
                : ledger.RefundAsync(claim.ProjectId, id, CancellationToken.None)).ConfigureAwait(false);
        }

        await claims.FailAsync(claim, reason, CancellationToken.None).ConfigureAwait(false);
    }
}
