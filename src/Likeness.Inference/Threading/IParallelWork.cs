namespace Likeness.Inference.Threading;

/// <summary>A batch of independent tasks, numbered 0..count-1, that <see cref="WorkerPool"/> spreads over threads.</summary>
internal interface IParallelWork
{
    /// <summary>Runs task <paramref name="index"/>; called exactly once per index, from any thread.</summary>
    void Execute(int index);
}
