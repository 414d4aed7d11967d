using System.Diagnostics;
using System.Text.Json;
using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Core.Shots;
using Likeness.Providers.Http;
using Likeness.Providers.Replicate;
using Likeness.Testing.Emulators.Replicate;

namespace Likeness.Providers.Tests.Replicate;

/// <summary>The Replicate emulator on a local port and a client and provider pointed at it with short delays, disposed together.</summary>
internal sealed class ReplicateTestbed : IAsyncDisposable
{
    private static readonly string[] Cast = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];

    private ReplicateTestbed(ReplicateEmulator emulator, ReplicateClient client, ReplicateProviderOptions provider)
    {
        Emulator = emulator;
        Client = client;
        Provider = new ReplicateProvider(client, provider);
    }

    public ReplicateEmulator Emulator { get; }

    public ReplicateClient Client { get; }

    public ReplicateProvider Provider { get; }

    public static async Task<ReplicateTestbed> StartAsync(
        Action<ReplicateEmulatorOptions>? emulator = null, Action<ReplicateClientOptions>? client = null, ReplicateProviderOptions? provider = null)
    {
        var emulatorOptions = new ReplicateEmulatorOptions { StartDelay = TimeSpan.FromMilliseconds(30), RunDuration = TimeSpan.FromMilliseconds(60), TrainingDuration = TimeSpan.FromMilliseconds(300) };
        emulator?.Invoke(emulatorOptions);
        ReplicateEmulator started = await ReplicateEmulator.StartAsync(emulatorOptions);
        ReplicateClientOptions options = OptionsFor(started);
        client?.Invoke(options);
        return new ReplicateTestbed(started, new ReplicateClient(options), provider ?? new ReplicateProviderOptions());
    }

    /// <summary>Client options for the emulator: its token and root, fast polling, a short <c>Prefer: wait</c> and short backoff.</summary>
    public static ReplicateClientOptions OptionsFor(ReplicateEmulator emulator) => new()
    {
        Token = emulator.Token,
        ApiUri = emulator.ApiUri,
        PollInterval = TimeSpan.FromMilliseconds(20),
        PreferWait = TimeSpan.FromSeconds(1),
        JobTimeout = TimeSpan.FromSeconds(30),
        Http = ReplicateClientOptions.DefaultHttp() with
        {
            AttemptTimeout = TimeSpan.FromSeconds(10),
            Retry = new RetryOptions { MaxRetries = 8, InitialDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(60) },
        },
    };

    /// <summary>Real photos of one person from the bundled cast.</summary>
    public static IReadOnlyList<ReferencePhoto> Photos(int count = 4) =>
        [.. Cast.Take(count).Select((name, i) => CastPhotos.Load(name, i == 0 ? ReferenceRole.Frontal : ReferenceRole.ThreeQuarter))];

    /// <summary>A version trained on the cast photos, ready to generate with.</summary>
    public string TrainedVersion() => Emulator.AddTrainedVersion("likeness-studio", "likeness-adaqzx", Photos().Select(p => p.Bytes.ToArray()));

    public static TrainingRequest Training(IReadOnlyDictionary<string, string>? parameters = null) =>
        new("adaqzx", "adaqzx", Photos(), parameters ?? new Dictionary<string, string>());

    public static TrainedGenerationRequest Shot(string version, int side = 512, int count = 1) =>
        new("adaqzx", new ShotRequest { Prompt = "adaqzx on a boat", Width = side, Height = side, Seed = 7, Count = count }, []) { ProviderModelIds = [version] };

    /// <summary>Polls a training every 20 ms until it has completed; fails after 30 s.</summary>
    public static async Task<TrainingStatus> CompleteAsync(TrainingOperation operation)
    {
        var waited = Stopwatch.StartNew();
        while (await operation.UpdateStatusAsync() is var status && !operation.HasCompleted)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"training {operation.Id} is still {status} after 30 s");
            await Task.Delay(20);
        }

        return operation.Status;
    }

    /// <summary>The last job's input.</summary>
    public JsonElement LastInput(string kind) => Emulator.Jobs.Last(j => j.Kind == kind).Input;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
