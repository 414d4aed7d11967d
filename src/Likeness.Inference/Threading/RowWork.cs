namespace Likeness.Inference.Threading;

/// <summary>
/// Base for kernels that split their output rows into chunks over <see cref="WorkerPool"/>. Subclasses hold the
/// op's arguments in fields and are cached per calling thread, so a call allocates nothing.
/// </summary>
internal abstract class RowWork : IParallelWork
{
    private int _rows;
    private int _chunk;

    /// <summary>Runs <see cref="ProcessRows"/> over rows 0..<paramref name="rows"/>-1 on up to <paramref name="degreeOfParallelism"/> threads.</summary>
    public void Run(int rows, int degreeOfParallelism)
    {
        int threads = Math.Min(WorkerPool.ResolveDegree(degreeOfParallelism), rows);
        // A few chunks per thread balance uneven rows without paying for many tiny tasks.
        int chunks = threads <= 1 ? 1 : Math.Min(rows, threads * 4);
        _rows = rows;
        _chunk = (rows + chunks - 1) / chunks;
        WorkerPool.Shared.Run(this, (rows + _chunk - 1) / _chunk, threads);
    }

    public void Execute(int index)
    {
        int start = index * _chunk;
        ProcessRows(start, Math.Min(_rows, start + _chunk));
    }

    /// <summary>Processes output rows [<paramref name="start"/>, <paramref name="end"/>).</summary>
    protected abstract void ProcessRows(int start, int end);
}
