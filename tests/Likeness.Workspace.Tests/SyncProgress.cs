using Likeness.Core.Providers;

namespace Likeness.Workspace.Tests;

/// <summary>Progress reported on the caller's thread (Progress&lt;T&gt; posts to the thread pool, too late for a test to act on it).</summary>
internal sealed class SyncProgress(Action<TrainingProgress> onReport) : IProgress<TrainingProgress>
{
    public SyncProgress(List<TrainingProgress> into)
        : this(into.Add)
    {
    }

    public void Report(TrainingProgress value) => onReport(value);
}
