using Likeness.Core.Identity;
using Likeness.Providers.Http;
using Likeness.Providers.Leonardo;
using Likeness.Testing.Emulators.Fal;
using Likeness.Testing.Emulators.Leonardo;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests.Takeovers;

/// <summary>Leonardo: Character Reference generations from the character's frontal photo.</summary>
internal sealed class LeonardoRig(LeonardoEmulator emulator) : TakeoverRig
{
    private int _failures;

    /// <summary>The emulator, for knobs only Leonardo has (its image host's answer).</summary>
    public LeonardoEmulator Emulator => emulator;

    public override string Provider => LeonardoDescriptor.Name;

    public override int Sent => emulator.Generations.Count;

    // Leonardo has no built-in price: the emulator's per-image dollars, so the reservation matches the charge.
    public override string Prices => """{"prices": [{"provider": "leonardo", "app": "leonardo/kino-xl-character-reference", "unit": "image", "usd": 0.0125}]}""";

    public static async Task<LeonardoRig> StartAsync() => new(await LeonardoEmulator.StartAsync(new LeonardoEmulatorOptions { RunDuration = TimeSpan.FromMilliseconds(40) }));

    public override void Compose(IServiceCollection services) => services.AddLeonardo(new LeonardoClientOptions
    {
        Key = emulator.Key,
        ApiUri = emulator.ApiUri,
        PollInterval = TimeSpan.FromMilliseconds(20),
        JobTimeout = TimeSpan.FromSeconds(30),
        // The workspace's clock stands still: a grace measured on it would never end, so an unknown id is a verdict at once here.
        NotFoundGrace = TimeSpan.Zero,
        Http = new HttpPipelineOptions
        {
            AttemptTimeout = TimeSpan.FromSeconds(30),
            Retry = new RetryOptions { MaxRetries = 0 },
            MinimumDelays = new Dictionary<int, TimeSpan> { [429] = TimeSpan.FromMilliseconds(5) },
        },
    });

    public override Task<IdentityModel> IdentityAsync(CastWorkspace cast) => cast.IdentityAsync(cast.Obama, Provider);

    public override void FailStatusRead(PassingFault fault) => emulator.Faults.Inject(
        fault switch
        {
            PassingFault.ServiceUnavailable503 => FalFault.ServiceUnavailable503,
            PassingFault.TooManyRequests429 => FalFault.TooManyRequests429,
            _ => FalFault.DropConnection,
        },
        1, "api/rest/v1/generations/");

    public override void FailNextJob() => emulator.Options.FailWhen = _ => Interlocked.Increment(ref _failures) == 1;

    public override ValueTask DisposeAsync() => emulator.DisposeAsync();
}
