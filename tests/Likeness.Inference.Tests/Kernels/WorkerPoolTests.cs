using Likeness.Inference.Threading;

namespace Likeness.Inference.Tests.Kernels;

/// <summary>The worker pool, whose helpers spin between batches before they block.</summary>
public sealed class WorkerPoolTests
{
    [Fact]
    public void Every_task_of_back_to_back_batches_runs_exactly_once()
    {
        // Batches of 1-64 tasks one after the other, as a forward pass issues kernels: a helper still spinning from
        // one batch must take only tasks of the next, each once, and the caller must not return before they finish.
        var work = new CountingWork();
        for (int batch = 0; batch < 3000; batch++)
        {
            int tasks = 1 + (batch * 7 % 64);
            work.Reset(tasks);
            WorkerPool.Shared.Run(work, tasks, degreeOfParallelism: 2);
            Assert.True(work.EachRanOnce(), $"batch {batch} of {tasks} tasks");
        }
    }

    private sealed class CountingWork : IParallelWork
    {
        private readonly int[] _runs = new int[64];
        private int _tasks;

        public void Reset(int tasks)
        {
            _tasks = tasks;
            Array.Clear(_runs);
        }

        public void Execute(int index)
        {
            // A little work, so the other thread has time to claim some of the batch.
            Thread.SpinWait(20 * (1 + (index % 4)));
            Interlocked.Increment(ref _runs[index]);
        }

        public bool EachRanOnce() => _runs.AsSpan(0, _tasks).IndexOfAnyExcept(1) < 0 && _runs.AsSpan(_tasks).IndexOfAnyExcept(0) < 0;
    }
}
