using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Core.Shots;
using Likeness.Providers.Http;
using Likeness.Providers.Stability;
using Likeness.Testing.Emulators.Stability;

namespace Likeness.Providers.Tests.Stability;

/// <summary>The Stability emulator on a local port and a client pointed at it with short waits, disposed together.</summary>
internal sealed class StabilityTestbed : IAsyncDisposable
{
    public const string Sd3 = StabilityEndpoints.Sd3;

    private StabilityTestbed(StabilityEmulator emulator, StabilityClient client)
    {
        Emulator = emulator;
        Client = client;
        Provider = new StabilityProvider(client);
    }

    public StabilityEmulator Emulator { get; }

    public StabilityClient Client { get; }

    public StabilityProvider Provider { get; }

    public static async Task<StabilityTestbed> StartAsync(Action<StabilityEmulatorOptions>? emulator = null, Action<StabilityClientOptions>? client = null)
    {
        var emulatorOptions = new StabilityEmulatorOptions { MaxSide = 256 };
        emulator?.Invoke(emulatorOptions);
        StabilityEmulator started = await StabilityEmulator.StartAsync(emulatorOptions);
        StabilityClientOptions options = OptionsFor(started);
        client?.Invoke(options);
        return new StabilityTestbed(started, new StabilityClient(options));
    }

    /// <summary>Client options for the emulator: its key and host, Stability's rules with waits shrunk to milliseconds.</summary>
    public static StabilityClientOptions OptionsFor(StabilityEmulator emulator)
    {
        var options = new StabilityClientOptions { Key = emulator.Key, BaseUri = emulator.BaseUri };
        options.Http = options.Http with
        {
            AttemptTimeout = TimeSpan.FromSeconds(20),
            Retry = new RetryOptions { MaxRetries = 12, InitialDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(60) },
            MinimumDelays = new Dictionary<int, TimeSpan> { [429] = TimeSpan.FromMilliseconds(20) },
            RateLimit = options.Http.RateLimit! with { LockoutAfter429 = TimeSpan.FromMilliseconds(20) },
        };
        return options;
    }

    /// <summary>A shot of the bundled cast's first person.</summary>
    public static ReferenceGenerationRequest Shot(long seed = 1, string prompt = "portrait in a garden", IReadOnlyDictionary<string, string>? parameters = null) =>
        new("ada", new ShotRequest { Prompt = prompt, Width = 256, Height = 256, Seed = seed, ProviderParameters = parameters ?? new Dictionary<string, string>() }, [CastPhotos.Load("obama.jpg", ReferenceRole.Frontal)]);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
