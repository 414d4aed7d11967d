using Likeness.Core.Identity;
using Likeness.Providers.Astria;
using Likeness.Providers.Http;
using Likeness.Testing.Emulators.Astria;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests.Takeovers;

/// <summary>Astria FaceID: a FaceID tune of the character's references, prompted on the Flux base.</summary>
internal sealed class AstriaRig(AstriaEmulator emulator) : TakeoverRig
{
    private int _failures;

    /// <summary>The emulator, for faults only Astria's tests need (a tune made and its answer held).</summary>
    public AstriaEmulator Emulator => emulator;

    public override string Provider => AstriaDescriptor.FaceIdName;

    public override int Sent => emulator.PromptSubmissions;

    public static async Task<AstriaRig> StartAsync()
    {
        AstriaEmulator started = await AstriaEmulator.StartAsync(new AstriaEmulatorOptions { QueueDelay = TimeSpan.FromMilliseconds(10), PromptDuration = TimeSpan.FromMilliseconds(40) });
        started.ImageSide = 256;
        return new AstriaRig(started);
    }

    public override void Compose(IServiceCollection services) => services.AddAstria(new AstriaClientOptions
    {
        Key = emulator.Key,
        BaseUri = emulator.BaseUri,
        PollInterval = TimeSpan.FromMilliseconds(20),
        SlowPollInterval = TimeSpan.FromMilliseconds(20),
        JobTimeout = TimeSpan.FromSeconds(30),
        AmbiguousRecheckDelay = TimeSpan.FromMilliseconds(20),
        // The workspace's clock stands still: a grace measured on it would never end, so a 404 is a verdict at once here.
        NotFoundGrace = TimeSpan.Zero,
        Http = AstriaClientOptions.DefaultHttp() with { AttemptTimeout = TimeSpan.FromSeconds(30), Retry = new RetryOptions { MaxRetries = 0 } },
    });

    public override Task<IdentityModel> IdentityAsync(CastWorkspace cast) => cast.IdentityAsync(cast.Obama, Provider);

    public override void FailStatusRead(PassingFault fault) => emulator.Faults.Inject(
        fault switch
        {
            PassingFault.ServiceUnavailable503 => AstriaFault.ServiceUnavailable503,
            PassingFault.TooManyRequests429 => AstriaFault.TooManyRequests429,
            _ => AstriaFault.DropConnection,
        },
        1, "GET", "tunes/1504944/prompts/");

    public override void FailNextJob() => emulator.Options.FailPrompt = _ => Interlocked.Increment(ref _failures) == 1;

    public override ValueTask DisposeAsync() => emulator.DisposeAsync();
}
