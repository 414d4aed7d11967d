using System.Text.Json;
using Likeness.Testing.Emulators.Fal.Apps;

namespace Likeness.Testing.Emulators.Fal.Queue;

/// <summary>
/// The account's queue: requests run in submission order on at most <see cref="FalEmulatorOptions.Concurrency"/>
/// runner slots; the rest wait IN_QUEUE (never rejected). Nothing runs on a timer: every question first replays the
/// slot events up to the clock's now, so the answers follow <see cref="FalEmulatorOptions.Time"/> exactly.
/// </summary>
internal sealed class FalQueue(FalEmulatorOptions options)
{
    private readonly Lock _gate = new();
    private readonly List<FalJob> _all = [];
    private readonly Dictionary<string, FalJob> _byId = new(StringComparer.Ordinal);
    private readonly List<FalJob> _waiting = [];
    private readonly List<FalJob> _occupying = [];
    private readonly List<DateTimeOffset> _released = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _submissionWaiters = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _followWaiters = [];

    public FalJob Submit(string endpointId, string appId, IFalApp app, JsonElement input, string? webhookUrl, TimeSpan? mediaLifetime)
    {
        lock (_gate)
        {
            DateTimeOffset now = options.Time.GetUtcNow();
            Advance(now);
            var job = new FalJob(Guid.NewGuid().ToString(), endpointId, appId, app, input, webhookUrl, now, options.QueueDelay, app.Duration(options))
            {
                MediaLifetime = mediaLifetime,
            };
            _all.Add(job);
            _byId.Add(job.RequestId, job);
            _waiting.Add(job);
            Advance(now);
            Wake(_submissionWaiters, Submitted);
            return job;
        }
    }

    /// <summary>Completes once <paramref name="count"/> submissions have been queued (at once if they already were).</summary>
    public Task SubmittedAsync(int count) => WaitFor(_submissionWaiters, count, Submitted);

    /// <summary>A client asked for <paramref name="job"/>'s status: it holds the request id fal answered with.</summary>
    public void Followed(FalJob job)
    {
        lock (_gate)
        {
            job.Followed = true;
            Wake(_followWaiters, FirstFollowed);
        }
    }

    /// <summary>Completes once each of the first <paramref name="count"/> submissions has been asked for its status.</summary>
    public Task FollowedAsync(int count) => WaitFor(_followWaiters, count, FirstFollowed);

    public FalJob? Find(string requestId)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(requestId);
        }
    }

    public IReadOnlyList<FalJob> All()
    {
        lock (_gate)
        {
            Advance(options.Time.GetUtcNow());
            return [.. _all];
        }
    }

    public FalJobView View(FalJob job)
    {
        lock (_gate)
        {
            DateTimeOffset now = options.Time.GetUtcNow();
            Advance(now);
            FalPhase phase = job.PhaseAt(now);
            int position = phase == FalPhase.InQueue
                ? _all.TakeWhile(j => j != job).Count(j => j.PhaseAt(now) == FalPhase.InQueue)
                : 0;
            return new FalJobView(phase, position, now);
        }
    }

    /// <summary>Cancels a job that has not completed: a queued one leaves the queue, a running one stops now.</summary>
    /// <returns>False when it had already completed.</returns>
    public bool Cancel(FalJob job)
    {
        lock (_gate)
        {
            DateTimeOffset now = options.Time.GetUtcNow();
            Advance(now);
            switch (job.PhaseAt(now))
            {
                case FalPhase.Completed:
                    return false;
                case FalPhase.InProgress:
                    job.CancelledWhileRunning = true;
                    break;
                default:
                    if (_occupying.Remove(job))
                    {
                        _released.Add(now);
                    }

                    _waiting.Remove(job);
                    job.StartAt = now;
                    break;
            }

            job.Cancelled = true;
            job.EndAt = now;
            Advance(now);
            return true;
        }
    }

    /// <summary>
    /// Replays slot events up to <paramref name="now"/>: a free slot goes to the oldest waiting job, which starts a
    /// queue delay after the later of its submission and the slot's release, and holds the slot until it ends.
    /// </summary>
    private void Advance(DateTimeOffset now)
    {
        while (true)
        {
            int capacity = Math.Max(1, options.Concurrency);
            while (_waiting.Count > 0 && _occupying.Count < capacity)
            {
                FalJob job = _waiting[0];
                _waiting.RemoveAt(0);
                DateTimeOffset freed = DateTimeOffset.MinValue;
                if (_released.Count > 0)
                {
                    freed = _released.Min();
                    _released.Remove(freed);
                }

                DateTimeOffset start = (job.SubmittedAt > freed ? job.SubmittedAt : freed) + job.QueueDelay;
                job.StartAt = start;
                job.EndAt = start + job.Duration;
                _occupying.Add(job);
            }

            if (_waiting.Count == 0)
            {
                // Releases are never later than now, and later submissions never earlier: they no longer matter.
                _released.Clear();
            }

            FalJob? next = _occupying.MinBy(j => j.EndAt);
            if (next is null || next.EndAt > now)
            {
                return;
            }

            _occupying.Remove(next);
            _released.Add(next.EndAt!.Value);
        }
    }

    private bool Submitted(int count) => _all.Count >= count;

    private bool FirstFollowed(int count) => _all.Count >= count && _all.Take(count).All(j => j.Followed);

    private Task WaitFor(List<(int Count, TaskCompletionSource Signal)> waiters, int count, Func<int, bool> met)
    {
        lock (_gate)
        {
            if (met(count))
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((count, signal));
            return signal.Task;
        }
    }

    /// <summary>Under the gate: completes the waiters whose count is now met.</summary>
    private static void Wake(List<(int Count, TaskCompletionSource Signal)> waiters, Func<int, bool> met)
    {
        foreach (var waiter in waiters.Where(w => met(w.Count)).ToList())
        {
            waiters.Remove(waiter);
            waiter.Signal.TrySetResult();
        }
    }
}
