using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Core.Shots;
using Likeness.Providers.Http;
using Likeness.Providers.Leonardo;
using Likeness.Testing.Emulators.Leonardo;

namespace Likeness.Providers.Tests.Leonardo;

/// <summary>The Leonardo emulator on a local port and a client pointed at it with short delays, disposed together.</summary>
internal sealed class LeonardoTestbed : IAsyncDisposable
{
    public const string Generations = "api/rest/v1/generations";
    public const string Polls = "api/rest/v1/generations/";

    private LeonardoTestbed(LeonardoEmulator emulator, LeonardoClient client, LeonardoProviderOptions provider)
    {
        Emulator = emulator;
        Client = client;
        Provider = new LeonardoProvider(client, provider);
    }

    public LeonardoEmulator Emulator { get; }

    public LeonardoClient Client { get; }

    public LeonardoProvider Provider { get; }

    public static async Task<LeonardoTestbed> StartAsync(
        Action<LeonardoEmulatorOptions>? emulator = null, Action<LeonardoClientOptions>? client = null, LeonardoProviderOptions? provider = null, Func<LeonardoEmulator, HttpMessageHandler>? primary = null)
    {
        var emulatorOptions = new LeonardoEmulatorOptions { RunDuration = TimeSpan.FromMilliseconds(80) };
        emulator?.Invoke(emulatorOptions);
        LeonardoEmulator started = await LeonardoEmulator.StartAsync(emulatorOptions);
        LeonardoClientOptions options = OptionsFor(started);
        client?.Invoke(options);
        HttpClient? http = primary is null ? null : new ProviderHttpHandlers("leonardo", LeonardoClient.HttpRules(options)).CreateClient(primary(started));
        return new LeonardoTestbed(started, new LeonardoClient(options, http), provider ?? new LeonardoProviderOptions());
    }

    /// <summary>Client options for the emulator: its key and root, fast polling, short backoff (a 429 waits 5 ms, not a minute).</summary>
    public static LeonardoClientOptions OptionsFor(LeonardoEmulator emulator) => new()
    {
        Key = emulator.Key,
        ApiUri = emulator.ApiUri,
        PollInterval = TimeSpan.FromMilliseconds(25),
        JobTimeout = TimeSpan.FromSeconds(30),
        Http = new HttpPipelineOptions
        {
            AttemptTimeout = TimeSpan.FromSeconds(10),
            Retry = new RetryOptions { MaxRetries = 12, InitialDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(60) },
            MinimumDelays = new Dictionary<int, TimeSpan> { [429] = TimeSpan.FromMilliseconds(5) },
        },
    };

    /// <summary>A shot of the cast's first person with one frontal reference.</summary>
    public static ReferenceGenerationRequest Request(int seed = 1, int count = 1, int width = 256, int height = 256) =>
        new("ada", new ShotRequest { Prompt = "portrait in a garden", NegativePrompt = "blurry", Width = width, Height = height, Seed = seed, Count = count, Steps = 20, Guidance = 7 },
            [CastPhotos.Load("obama1.jpg", ReferenceRole.ThreeQuarter), CastPhotos.Load("obama.jpg", ReferenceRole.Frontal)]);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
