using Likeness.Core.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests.Takeovers;

/// <summary>A passing failure of a provider's status read: no word on the job, which the provider runs on.</summary>
internal enum PassingFault
{
    ServiceUnavailable503,
    TooManyRequests429,
    DropConnection,
}

/// <summary>
/// One provider's emulator behind a workspace, for <see cref="ProviderTakeoverBed"/>: how a container reaches it (its
/// client retries nothing, so one injected fault reaches the workspace), the identity a shot uses, the submissions it
/// received, and the faults and failures a takeover test injects.
/// </summary>
internal abstract class TakeoverRig : IAsyncDisposable
{
    /// <summary>The registry name the identity uses.</summary>
    public abstract string Provider { get; }

    /// <summary>Paid submissions of shots the emulator accepted.</summary>
    public abstract int Sent { get; }

    /// <summary>The workspace's price file (<c>prices.json</c>), for a provider with no built-in price; null for none.</summary>
    public virtual string? Prices => null;

    /// <summary>Whether the provider bills a job that failed (Replicate: the GPU time it ran), so a failed shot is charged, not refunded.</summary>
    public virtual bool BillsFailedJobs => false;

    /// <summary>Adds the provider, pointed at the emulator, to a workspace's container.</summary>
    public abstract void Compose(IServiceCollection services);

    /// <summary>The character's identity at the provider, ready to make shots.</summary>
    public abstract Task<IdentityModel> IdentityAsync(CastWorkspace cast);

    /// <summary>The next status read of a shot's job gets <paramref name="fault"/>.</summary>
    public abstract void FailStatusRead(PassingFault fault);

    /// <summary>The next shot job the provider runs fails there (the provider's verdict); later ones succeed.</summary>
    public abstract void FailNextJob();

    public abstract ValueTask DisposeAsync();

    /// <summary>A rig for <paramref name="provider"/>, its emulator started.</summary>
    public static async Task<TakeoverRig> StartAsync(string provider) => provider switch
    {
        "replicate" => await ReplicateRig.StartAsync(),
        "leonardo" => await LeonardoRig.StartAsync(),
        "astria-faceid" => await AstriaRig.StartAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "No takeover rig for this provider."),
    };
}
