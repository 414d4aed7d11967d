using Likeness.Core.Providers;
using Likeness.Core.Shots;
using Likeness.Providers.Astria;
using Likeness.Providers.Http;
using Likeness.Providers.Tests.Fal;
using Likeness.Testing.Emulators.Astria;

namespace Likeness.Providers.Tests.Astria;

/// <summary>The Astria emulator on a local port, a client pointed at it with short delays, and both providers; disposed together.</summary>
internal sealed class AstriaTestbed : IAsyncDisposable
{
    private AstriaTestbed(AstriaEmulator emulator, AstriaClient client, AstriaProviderOptions provider, AstriaCallbackHost? callbacks)
    {
        Emulator = emulator;
        Client = client;
        Callbacks = callbacks;
        Provider = new AstriaProvider(client, provider);
        FaceId = new AstriaProvider(client, provider with { Name = AstriaDescriptor.FaceIdName, Capabilities = ProviderCapabilities.ReferenceGeneration });
        Sdxl = new AstriaProvider(client, provider.ForSdxl());
    }

    public AstriaEmulator Emulator { get; }

    public AstriaClient Client { get; }

    public AstriaCallbackHost? Callbacks { get; }

    /// <summary>LoRA tunes: training and generation.</summary>
    public AstriaProvider Provider { get; }

    /// <summary>FaceID: reference generation.</summary>
    public AstriaProvider FaceId { get; }

    /// <summary>SDXL (pti) tunes, prompted directly: the <c>astria-sdxl</c> registration.</summary>
    public AstriaProvider Sdxl { get; }

    /// <summary>
    /// Starts the emulator and a client; with <paramref name="withCallbacks"/> a local host receives Astria's callbacks
    /// and the client puts its URL (plus each job's secret) on every tune and prompt.
    /// </summary>
    public static async Task<AstriaTestbed> StartAsync(
        Action<AstriaEmulatorOptions>? emulator = null, Action<AstriaClientOptions>? client = null, Func<AstriaProviderOptions, AstriaProviderOptions>? provider = null, bool withCallbacks = false)
    {
        var emulatorOptions = new AstriaEmulatorOptions { QueueDelay = TimeSpan.FromMilliseconds(20), TrainingDuration = TimeSpan.FromMilliseconds(150), PromptDuration = TimeSpan.FromMilliseconds(60) };
        emulator?.Invoke(emulatorOptions);
        AstriaEmulator started = await AstriaEmulator.StartAsync(emulatorOptions);
        started.ImageSide = 256;
        AstriaCallbackHost? host = null;
        AstriaClient? created = null;
        if (withCallbacks)
        {
            host = await AstriaCallbackHost.StartAsync(() => created!.Callbacks);
        }

        AstriaClientOptions options = OptionsFor(started);
        options.CallbackUrl = host?.Url;
        client?.Invoke(options);
        created = new AstriaClient(options);
        AstriaProviderOptions providerOptions = new() { TrainingPollInterval = TimeSpan.FromMilliseconds(20) };
        return new AstriaTestbed(started, created, provider?.Invoke(providerOptions) ?? providerOptions, host);
    }

    /// <summary>Client options for the emulator: its key and host, fast polling and short backoff (Astria's 30 s and 60 s waits shortened).</summary>
    public static AstriaClientOptions OptionsFor(AstriaEmulator emulator)
    {
        HttpPipelineOptions http = AstriaClientOptions.DefaultHttp() with
        {
            AttemptTimeout = TimeSpan.FromSeconds(10),
            Retry = new RetryOptions { MaxRetries = 12, InitialDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(60) },
            MinimumDelays = new Dictionary<int, TimeSpan> { [500] = TimeSpan.FromMilliseconds(30) },
        };
        return new AstriaClientOptions
        {
            Key = emulator.Key,
            BaseUri = emulator.BaseUri,
            PollInterval = TimeSpan.FromMilliseconds(20),
            SlowPollInterval = TimeSpan.FromMilliseconds(200),
            JobTimeout = TimeSpan.FromSeconds(30),
            AmbiguousRecheckDelay = TimeSpan.FromMilliseconds(20),
            Http = http,
        };
    }

    /// <summary>Real photos of one person from the bundled cast.</summary>
    public static IReadOnlyList<ReferencePhoto> Photos(int count = 4) => FalTestbed.Photos(count);

    /// <summary>A small shot.</summary>
    public static ShotRequest Shot(int seed = 1, int count = 1) => new() { Prompt = "ohwx person, portrait", Width = 256, Height = 256, Seed = seed, Count = count };

    /// <summary>Trains a tune to the end with <paramref name="provider"/> (the FLUX LoRA one by default) and returns the operation.</summary>
    public async Task<TrainingOperation> TrainAsync(string trigger = "adaqzx", AstriaProvider? provider = null)
    {
        TrainingOperation operation = await (provider ?? Provider).StartTrainingAsync(new TrainingRequest(trigger, trigger, Photos(), new Dictionary<string, string>()));
        Assert.Equal(TrainingStatus.Succeeded, await FalTestbed.CompleteAsync(operation));
        return operation;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
        if (Callbacks is not null)
        {
            await Callbacks.DisposeAsync();
        }
    }
}
