namespace Likeness.Inference.Threading;

/// <summary>
/// A fixed set of background threads that run one <see cref="IParallelWork"/> batch at a time, with the calling
/// thread taking part. Unlike <c>Parallel.For</c> it allocates nothing per batch, which matters when a forward
/// pass issues dozens of small kernels. A batch started while another is running (another caller, or a task
/// that itself fans out) runs on the calling thread alone instead of waiting.
/// </summary>
internal sealed class WorkerPool
{
    private readonly object _runLock = new();
    private readonly object _wakeGate = new();
    private readonly object _doneGate = new();
    private readonly int _threadCount;
    private IParallelWork? _work;
    private int _taskCount;
    private int _nextTask;
    private int _helpersWanted;
    private int _helpersActive;
    private long _generation;

    private WorkerPool(int helperThreads)
    {
        _threadCount = helperThreads;
        for (int i = 0; i < helperThreads; i++)
        {
            int helperIndex = i;
            var thread = new Thread(() => HelperLoop(helperIndex))
            {
                IsBackground = true,
                Name = $"Likeness inference worker {i}",
            };
            thread.Start();
        }
    }

    /// <summary>The process-wide pool: one helper per core beyond the caller's.</summary>
    public static WorkerPool Shared { get; } = new(Math.Max(0, Environment.ProcessorCount - 1));

    /// <summary>Normalises a requested degree of parallelism: 0 or less means every core.</summary>
    public static int ResolveDegree(int degreeOfParallelism) =>
        degreeOfParallelism <= 0 ? Environment.ProcessorCount : Math.Min(degreeOfParallelism, Environment.ProcessorCount);

    /// <summary>Runs tasks 0..<paramref name="taskCount"/>-1 on up to <paramref name="degreeOfParallelism"/> threads and returns when all are done.</summary>
    public void Run(IParallelWork work, int taskCount, int degreeOfParallelism)
    {
        int threads = Math.Min(ResolveDegree(degreeOfParallelism), taskCount);
        if (threads <= 1 || _threadCount == 0 || !Monitor.TryEnter(_runLock))
        {
            for (int i = 0; i < taskCount; i++)
            {
                work.Execute(i);
            }

            return;
        }

        try
        {
            int helpers = Math.Min(threads - 1, _threadCount);
            lock (_wakeGate)
            {
                // Everything a helper reads is published under the gate together with the generation, so a
                // helper never pairs one batch's generation with another batch's work.
                _work = work;
                _taskCount = taskCount;
                _nextTask = -1;
                _helpersWanted = helpers;
                _helpersActive = helpers;
                _generation++;
                Monitor.PulseAll(_wakeGate);
            }

            DrainTasks(work);
            lock (_doneGate)
            {
                while (_helpersActive > 0)
                {
                    Monitor.Wait(_doneGate);
                }
            }

            _work = null;
        }
        finally
        {
            Monitor.Exit(_runLock);
        }
    }

    private void DrainTasks(IParallelWork work)
    {
        int index;
        while ((index = Interlocked.Increment(ref _nextTask)) < _taskCount)
        {
            work.Execute(index);
        }
    }

    private void HelperLoop(int helperIndex)
    {
        long seen = 0;
        while (true)
        {
            IParallelWork work;
            lock (_wakeGate)
            {
                while (_generation == seen || helperIndex >= _helpersWanted)
                {
                    seen = _generation;
                    Monitor.Wait(_wakeGate);
                }

                seen = _generation;
                work = _work!;
            }

            DrainTasks(work);
            lock (_doneGate)
            {
                if (--_helpersActive == 0)
                {
                    Monitor.PulseAll(_doneGate);
                }
            }
        }
    }
}
