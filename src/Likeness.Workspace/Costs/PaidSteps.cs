using Likeness.Workspace.Persistence;

namespace Likeness.Workspace.Costs;

/// <summary>What one kind of paid call (a shot, a video) does at each step of <see cref="PaidCall"/>.</summary>
/// <param name="RecordPending">Saves the new row as pending (the caller's token).</param>
/// <param name="Call">Calls the provider (the caller's token).</param>
/// <param name="JobIdOf">The provider's request id in its answer.</param>
/// <param name="Keep">Stores the output in the asset store and marks the row succeeded (unsaved), returning the actual cost; runs without cancellation.</param>
/// <param name="Stage">Attaches the succeeded row to the context that commits its charge.</param>
/// <param name="RecordFailed">Saves the row as failed with the reason and what the provider billed for it all the same (0: refunded); runs without cancellation.</param>
internal sealed record PaidSteps<T>(
    Func<CancellationToken, Task> RecordPending,
    Func<CancellationToken, Task<T>> Call,
    Func<T, string?> JobIdOf,
    Func<T, Task<decimal>> Keep,
    Action<LikenessDbContext> Stage,
    Func<string, decimal, Task> RecordFailed)
{
    /// <summary>
    /// Collects the answer of a call already sent, from the resume token the provider gave when it took the request
    /// (recorded in the claim); null when the provider cannot be asked again.
    /// </summary>
    public Func<string, Task<T>>? Resume { get; init; }
}
