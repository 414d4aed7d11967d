namespace Likeness.Providers.Replicate.Models;

/// <summary>Replicate's prediction and training status values (providers.md §2.2).</summary>
public static class ReplicateStatus
{
    /// <summary>Waiting for a worker (cold boot when long).</summary>
    public const string Starting = "starting";

    /// <summary>Running.</summary>
    public const string Processing = "processing";

    /// <summary>Done with output.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Failed with an error.</summary>
    public const string Failed = "failed";

    /// <summary>Cancelled after it started: charged for the time it ran.</summary>
    public const string Canceled = "canceled";

    /// <summary>Ended before it started (e.g. its deadline passed in the queue): not charged.</summary>
    public const string Aborted = "aborted";

    /// <summary>True for succeeded, failed, canceled and aborted.</summary>
    public static bool IsTerminal(string? status) => status is Succeeded or Failed or Canceled or Aborted;
}
