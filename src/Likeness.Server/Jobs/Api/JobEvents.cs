using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Likeness.Workspace.Jobs;

namespace Likeness.Server.Jobs.Api;

/// <summary>
/// A job's progress as Server-Sent Events: a <c>job</c> event with the record's latest state whenever it changed, its
/// id the record's version, ending after the final state. Changes saved faster than the stream reads are coalesced,
/// so ids rise but may skip. A client reconnecting with <c>Last-Event-ID</c> gets only what changed since. Changes made in
/// this process wake the stream at once; those made on another node are read at least every <c>StreamRefresh</c>.
/// </summary>
internal static class JobEvents
{
    public const string EventType = "job";

    public static async IAsyncEnumerable<SseItem<JobResponse>> StreamAsync(
        JobBook jobs, JobRecord first, int lastSeen, TimeSpan refresh, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        JobRecord? job = first;
        while (job is not null)
        {
            if (job.Version > lastSeen)
            {
                lastSeen = job.Version;
                yield return new SseItem<JobResponse>(JobResponse.From(job), EventType) { EventId = job.Version.ToString(CultureInfo.InvariantCulture) };
            }

            if (job.IsFinal)
            {
                yield break;
            }

            // Listen before reading again, so a change between the read and the wait wakes the wait.
            Task changed = jobs.WhenChangedAsync(job.Id, refresh, cancellationToken);
            JobRecord? now = await jobs.FindAsync(job.Id, cancellationToken).ConfigureAwait(false);
            if (now is not null && now.Version == job.Version)
            {
                await changed.ConfigureAwait(false);
                now = await jobs.FindAsync(job.Id, cancellationToken).ConfigureAwait(false);
            }

            job = now;
        }
    }
}
