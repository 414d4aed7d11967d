using System.Diagnostics;
using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Providers.Fal;
using Likeness.Providers.Http;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Providers.Tests.Fal;

/// <summary>The fal emulator on a local port and a client pointed at it with short delays, disposed together.</summary>
internal sealed class FalTestbed : IAsyncDisposable
{
    private static readonly string[] Cast = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];

    private FalTestbed(FalEmulator emulator, FalClient client)
    {
        Emulator = emulator;
        Client = client;
        Provider = new FalProvider(client);
    }

    public FalEmulator Emulator { get; }

    public FalClient Client { get; }

    public FalProvider Provider { get; }

    public static async Task<FalTestbed> StartAsync(Action<FalEmulatorOptions>? emulator = null, Action<FalClientOptions>? client = null)
    {
        var emulatorOptions = new FalEmulatorOptions { QueueDelay = TimeSpan.FromMilliseconds(30), RunDuration = TimeSpan.FromMilliseconds(60), TrainingDuration = TimeSpan.FromMilliseconds(300) };
        emulator?.Invoke(emulatorOptions);
        FalEmulator started = await FalEmulator.StartAsync(emulatorOptions);
        FalClientOptions options = OptionsFor(started);
        client?.Invoke(options);
        return new FalTestbed(started, new FalClient(options));
    }

    /// <summary>Client options for the emulator: its key and hosts, fast polling and short backoff.</summary>
    public static FalClientOptions OptionsFor(FalEmulator emulator) => new()
    {
        Key = emulator.Key,
        QueueUri = emulator.QueueUri,
        SyncUri = emulator.SyncUri,
        RestUri = emulator.RestUri,
        JwksUri = emulator.JwksUri,
        PollInterval = TimeSpan.FromMilliseconds(25),
        JobTimeout = TimeSpan.FromSeconds(30),
        Http = new HttpPipelineOptions
        {
            AttemptTimeout = TimeSpan.FromSeconds(10),
            Retry = new RetryOptions { MaxRetries = 12, InitialDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(60) },
        },
    };

    /// <summary>Real photos of one person from the bundled cast.</summary>
    public static IReadOnlyList<ReferencePhoto> Photos(int count = 4) =>
        [.. Cast.Take(count).Select((name, i) => CastPhotos.Load(name, i == 0 ? ReferenceRole.Frontal : ReferenceRole.ThreeQuarter))];

    /// <summary>
    /// Polls a training every 25 ms until it has completed and returns its final status; fails after 30 s.
    /// (<see cref="TrainingOperation.WaitForCompletionAsync"/> polls at 1 s at the least.)
    /// </summary>
    public static async Task<TrainingStatus> CompleteAsync(TrainingOperation operation)
    {
        var waited = Stopwatch.StartNew();
        while (await operation.UpdateStatusAsync() is var status && !operation.HasCompleted)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"training {operation.Id} is still {status} after 30 s");
            await Task.Delay(25);
        }

        return operation.Status;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
