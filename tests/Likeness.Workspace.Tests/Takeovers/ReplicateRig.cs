using Likeness.Core.Identity;
using Likeness.Providers.Http;
using Likeness.Providers.Replicate;
using Likeness.Testing.Emulators.Replicate;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests.Takeovers;

/// <summary>Replicate: a LoRA trained at its emulator, then predictions on the trained version.</summary>
internal sealed class ReplicateRig(ReplicateEmulator emulator) : TakeoverRig
{
    private int _failures;

    public override string Provider => ReplicateDescriptor.Name;

    public override bool BillsFailedJobs => true;

    public override int Sent => emulator.Submissions("prediction");

    public static async Task<ReplicateRig> StartAsync() => new(await ReplicateEmulator.StartAsync(new ReplicateEmulatorOptions
    {
        StartDelay = TimeSpan.FromMilliseconds(20), RunDuration = TimeSpan.FromMilliseconds(40), TrainingDuration = TimeSpan.FromMilliseconds(200),
    }));

    public override void Compose(IServiceCollection services) => services.AddReplicate(new ReplicateClientOptions
    {
        Token = emulator.Token,
        ApiUri = emulator.ApiUri,
        PollInterval = TimeSpan.FromMilliseconds(20),
        JobTimeout = TimeSpan.FromSeconds(30),
        // The workspace's clock stands still: a grace measured on it would never end, so a 404 is a verdict at once here.
        NotFoundGrace = TimeSpan.Zero,
        Http = ReplicateClientOptions.DefaultHttp() with { AttemptTimeout = TimeSpan.FromSeconds(30), Retry = new RetryOptions { MaxRetries = 0 } },
    });

    public override Task<IdentityModel> IdentityAsync(CastWorkspace cast) => cast.IdentityAsync(cast.Obama, Provider);

    public override void FailStatusRead(PassingFault fault) => emulator.Faults.Inject(
        fault switch
        {
            PassingFault.ServiceUnavailable503 => ReplicateFault.ServiceUnavailable503,
            PassingFault.TooManyRequests429 => ReplicateFault.Throttle429,
            _ => ReplicateFault.DropConnection,
        },
        1, "GET", "predictions/");

    // Asked once per job, as it is created.
    public override void FailNextJob() => emulator.Options.FailWith = (kind, _) => kind == "prediction" && Interlocked.Increment(ref _failures) == 1 ? "CUDA out of memory" : null;

    public override ValueTask DisposeAsync() => emulator.DisposeAsync();
}
