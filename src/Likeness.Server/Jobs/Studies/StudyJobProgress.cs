using System.Globalization;
using System.Threading.Channels;
using Likeness.Workspace.Jobs;
using Likeness.Workspace.Studies;

namespace Likeness.Server.Jobs.Studies;

/// <summary>
/// A running study's progress written to its job record: percent = cells done of all cells, the last cell as the
/// message. The runner reports from its own threads; only the latest report waits to be written, so a slow database
/// coalesces reports instead of queueing them. A cancellation asked for on the record stops the run.
/// </summary>
internal sealed class StudyJobProgress : IProgress<StudyProgress>, IAsyncDisposable
{
    private readonly Channel<StudyProgress> _latest = Channel.CreateBounded<StudyProgress>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly Task _writing;

    public StudyJobProgress(JobBook jobs, Guid jobId, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        _writing = WriteAsync(jobs, jobId, stop, cancellationToken);
    }

    public void Report(StudyProgress value) => _latest.Writer.TryWrite(value);

    /// <summary>Writes what is still waiting, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _latest.Writer.TryComplete();
        await _writing.ConfigureAwait(false);
    }

    private async Task WriteAsync(JobBook jobs, Guid jobId, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        await foreach (StudyProgress step in _latest.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            double percent = step.Total == 0 ? 100 : Math.Round(100.0 * step.Done / step.Total, 1);
            string message = string.Create(CultureInfo.InvariantCulture, $"{step.Done} of {step.Total} cells ({step.FromCache} from the cache, {step.Failed} failed); last: {step.Last}");
            // The record keeps at most 1,000 characters of message.
            message = message.Length > 1000 ? message[..1000] : message;
            JobRecord job = await jobs.UpdateAsync(jobId, j => (j.Percent, j.Message) = (percent, message), cancellationToken).ConfigureAwait(false);
            if (job.CancelRequested)
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }
    }
}
