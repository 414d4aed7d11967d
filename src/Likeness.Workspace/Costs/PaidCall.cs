using Likeness.Core.Costs;
using Likeness.Core.Providers;

namespace Likeness.Workspace.Costs;

/// <summary>
/// One paid provider call on the ledger, the same for shots and videos: reserve the estimate, record the row as
/// pending, call. A provider error or an interruption before the provider answers marks the row failed and
/// refunds. Once the provider has answered, its output is kept and charged whatever the caller's token says: the
/// provider has been paid, so giving up now would lose the work and leave the reservation held.
/// </summary>
internal static class PaidCall
{
    /// <summary>Runs the call; returns the provider's error when it failed with one, else null (it succeeded and was charged).</summary>
    /// <param name="ledger">The ledger to reserve, charge or refund on.</param>
    /// <param name="projectId">The project paying.</param>
    /// <param name="subjectId">The shot or video the money is for.</param>
    /// <param name="estimate">What to reserve.</param>
    /// <param name="label">The ledger line's description.</param>
    /// <param name="recordPending">Saves the new row (the caller's token).</param>
    /// <param name="call">Calls the provider (the caller's token).</param>
    /// <param name="keep">Stores the output and saves the row as succeeded, returning the actual cost; runs without cancellation.</param>
    /// <param name="recordFailed">Saves the row as failed with the reason; runs without cancellation.</param>
    /// <param name="cancellationToken">Stops the reservation, the pending row and the call, never what follows a paid answer.</param>
    public static async Task<ProviderException?> RunAsync<T>(
        LedgerBook ledger, Guid projectId, Guid subjectId, decimal estimate, string label,
        Func<CancellationToken, Task> recordPending,
        Func<CancellationToken, Task<T>> call,
        Func<T, Task<decimal>> keep,
        Func<string, Task> recordFailed,
        CancellationToken cancellationToken)
    {
        LedgerEntry reservation = await ledger.ReserveAsync(projectId, estimate, subjectId, label, cancellationToken).ConfigureAwait(false);
        try
        {
            await recordPending(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ledger.RefundAsync(projectId, reservation.ReservationId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        T result;
        try
        {
            result = await call(cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderException ex) when (ex.ChargedUsd > 0)
        {
            // Failed, but the provider billed it (a cancelled Replicate prediction): the row fails, the charge stands.
            await recordFailed(ex.Message).ConfigureAwait(false);
            await ledger.CommitAsync(projectId, reservation.ReservationId, ex.ChargedUsd, CancellationToken.None).ConfigureAwait(false);
            return ex;
        }
        catch (ProviderException ex)
        {
            await FailAsync(ex.Message).ConfigureAwait(false);
            return ex;
        }
        catch (ArgumentException ex)
        {
            // The provider's own checks of the request (limits it documents): nothing was sent, nothing is charged.
            await FailAsync($"refused before sending: {ex.Message}").ConfigureAwait(false);
            throw;
        }
        catch (Exception ex)
        {
            // Cancelled or broken before the provider answered: no charge, and the row says it did not finish.
            await FailAsync(ex is OperationCanceledException ? "cancelled" : $"interrupted before the provider answered: {ex.Message}").ConfigureAwait(false);
            throw;
        }

        decimal actual = await keep(result).ConfigureAwait(false);
        await ledger.CommitAsync(projectId, reservation.ReservationId, actual, CancellationToken.None).ConfigureAwait(false);
        return null;

        async Task FailAsync(string reason)
        {
            await recordFailed(reason).ConfigureAwait(false);
            await ledger.RefundAsync(projectId, reservation.ReservationId, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
