namespace Likeness.Imaging.Codecs.Jpeg.Decoding;

/// <summary>
/// Runs the output stage (IDCT, upsampling, colour) on a second thread while the calling thread entropy-decodes
/// a single-scan sequential JPEG: the decoder publishes each finished MCU row, the worker catches up.
/// </summary>
internal sealed class PipelinedOutput : IDisposable
{
    private readonly OutputStage _output;
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Task _worker;
    private int _published;
    private int _consumed;
    private bool _complete;
    private bool _cancelled;

    public PipelinedOutput(OutputStage output)
    {
        _output = output;
        _worker = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Called by the decoding thread when <paramref name="mcuRows"/> MCU rows are complete.</summary>
    public void Publish(int mcuRows)
    {
        Volatile.Write(ref _published, mcuRows);
        _signal.Release();
    }

    /// <summary>Waits for the worker to transform everything published. Rethrows its failure, if any.</summary>
    public void Complete()
    {
        Volatile.Write(ref _complete, true);
        _signal.Release();
        _worker.GetAwaiter().GetResult();
    }

    /// <summary>Stops the worker (after a decoding error) and waits for it.</summary>
    public void Dispose()
    {
        if (!_worker.IsCompleted)
        {
            Volatile.Write(ref _cancelled, true);
            _signal.Release();
            _worker.Wait();
        }

        _signal.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            _signal.Wait();
            if (Volatile.Read(ref _cancelled))
            {
                return;
            }

            // Read the completion flag before the count: once complete, the count read after it is final.
            bool complete = Volatile.Read(ref _complete);
            int rows = Volatile.Read(ref _published);
            if (rows > _consumed)
            {
                _output.Advance(rows);
                _consumed = rows;
            }

            if (complete)
            {
                return;
            }
        }
    }
}
