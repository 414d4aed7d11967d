using System.Diagnostics;

namespace Likeness.Inference.Threading;

/// <summary>
/// A fixed set of background threads that run one <see cref="IParallelWork"/> batch at a time, with the calling
/// thread taking part. Unlike <c>Parallel.For</c> it allocates nothing per batch, which matters when a forward
/// pass issues dozens of small kernels. A batch started while another is running (another caller, or a task
/// that itself fans out) runs on the calling thread alone instead of waiting.
/// </summary>
/// <remarks>
/// The caller waits only for tasks that were actually claimed, never for helpers to wake up: on a busy machine a
/// helper may not be scheduled for milliseconds, and the caller then simply runs every task itself. Tasks are
/// claimed from a ticket that carries the batch's generation, so a helper that wakes late cannot take tasks of a
/// later batch.
/// <para>
/// Between batches a helper spins for <see cref="SpinMicroseconds"/> before it blocks, and so does the caller
/// waiting for the last claimed task. A forward pass at batch 1 is dozens of kernels a millisecond or less apart;
/// waking a blocked thread (a futex, on a VM an idle vCPU's halt exit) costs tens to hundreds of microseconds per
/// kernel, so without the spin the second thread arrives after most of each kernel's tasks are gone.
/// </para>
/// </remarks>
internal sealed class WorkerPool
{
    /// <summary>How long a thread spins for the next batch (helpers) or the last task (the caller) before it blocks.</summary>
    public const int SpinMicroseconds = 200;

    private static readonly long SpinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;

    private readonly object _runLock = new();
    private readonly object _wakeGate = new();
    private readonly object _doneGate = new();
    private readonly int _threadCount;
    private IParallelWork? _work;
    private int _taskCount;
    private int _helpersWanted;
    private int _generation;
    private long _ticket;
    private int _remaining;

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
            int generation;
            lock (_wakeGate)
            {
                generation = _generation = (_generation + 1) & int.MaxValue;
                _work = work;
                _taskCount = taskCount;
                _remaining = taskCount;
                _helpersWanted = Math.Min(threads - 1, _threadCount);
                Volatile.Write(ref _ticket, (long)generation << 32);
                Monitor.PulseAll(_wakeGate);
            }

            Drain(work, generation, taskCount);
            SpinUntilDone();
            lock (_doneGate)
            {
                while (Volatile.Read(ref _remaining) > 0)
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

    private void Drain(IParallelWork work, int generation, int taskCount)
    {
        while (true)
        {
            long ticket = Volatile.Read(ref _ticket);
            int index = (int)(ticket & uint.MaxValue);
            if ((int)(ticket >> 32) != generation || index >= taskCount)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _ticket, ticket + 1, ticket) != ticket)
            {
                continue;
            }

            work.Execute(index);
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                lock (_doneGate)
                {
                    Monitor.PulseAll(_doneGate);
                }
            }
        }
    }

    private void HelperLoop(int helperIndex)
    {
        int seen = 0;
        while (true)
        {
            IParallelWork work;
            int taskCount;
            SpinUntilNewBatch(seen);
            lock (_wakeGate)
            {
                while (_generation == seen || helperIndex >= _helpersWanted)
                {
                    seen = _generation;
                    Monitor.Wait(_wakeGate);
                }

                seen = _generation;
                work = _work!;
                taskCount = _taskCount;
            }

            Drain(work, seen, taskCount);
        }
    }

    /// <summary>Spins until a batch after <paramref name="seen"/> is published, for at most <see cref="SpinMicroseconds"/>.</summary>
    private void SpinUntilNewBatch(int seen)
    {
        long deadline = Stopwatch.GetTimestamp() + SpinTicks;
        while (Volatile.Read(ref _generation) == seen && Stopwatch.GetTimestamp() < deadline)
        {
            Thread.SpinWait(8);
        }
    }

    /// <summary>Spins until every claimed task has finished, for at most <see cref="SpinMicroseconds"/>.</summary>
    private void SpinUntilDone()
    {
        long deadline = Stopwatch.GetTimestamp() + SpinTicks;
        while (Volatile.Read(ref _remaining) > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            Thread.SpinWait(8);
        }
    }
}
