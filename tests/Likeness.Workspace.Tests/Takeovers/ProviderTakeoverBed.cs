using Likeness.Core.Identity;
using Likeness.Core.Scoring;
using Likeness.Core.Shots;
using Likeness.Providers.Sim;
using Likeness.Testing;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Clip;
using Likeness.Workspace.Composition;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Dino;
using Likeness.Workspace.Faces;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Shots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Likeness.Workspace.Tests.Takeovers;

/// <summary>
/// <see cref="FalTakeoverBed"/> for any provider a <see cref="TakeoverRig"/> stands up: a workspace on a clock that
/// stands still (its claims' leases never renew past it) reaching the rig's emulator, the rig's identity, and one shot's
/// request and claim key; <see cref="NextAsync"/> opens another "process" on the same database whose clock is past those leases.
/// </summary>
internal sealed record ProviderTakeoverBed(TakeoverRig Rig, ManualTime Time, CastWorkspace Cast, IdentityModel Identity, ShotRequest Request, string Key) : IAsyncDisposable
{
    public static async Task<ProviderTakeoverBed> StartAsync(string provider, long seed)
    {
        TakeoverRig rig = await TakeoverRig.StartAsync(provider);
        var time = new ManualTime(DateTimeOffset.UtcNow);
        CastWorkspace cast = await CastWorkspace.CreateAsync(DatabaseKind.Sqlite, time: time, open: options => OpenAsync(rig, options, time));
        IdentityModel identity = await rig.IdentityAsync(cast);
        Assert.Equal(IdentityModelStatus.Ready, identity.Status);
        ShotRequest request = ShotRunnerTests.Request(seed) with { Width = 512, Height = 512, Steps = 20, Guidance = 7 };
        return new ProviderTakeoverBed(rig, time, cast, identity, request, "shot:" + ShotCacheKey.Compute(identity.Id, identity.Version, identity.Provider, request));
    }

    public ClaimBook Claims => Cast.Workspace.Services.GetRequiredService<ClaimBook>();

    public Task<ShotOutcome> ShotAsync(LikenessWorkspace workspace) => workspace.Shots.GenerateAsync(Cast.Obama, Identity, Request);

    /// <summary>What the clock of a process opened by <see cref="NextAsync"/> reads (it stands still too).</summary>
    public DateTimeOffset NextNow => Time.GetUtcNow() + (Cast.Options.ClaimLease * 2);

    public Task<LikenessWorkspace> NextAsync() => OpenAsync(Rig, Cast.Options, new ManualTime(NextNow));

    public async Task<PaidClaim> ClaimAsync() => await Claims.FindAsync(Key) ?? throw new InvalidOperationException("The shot has no claim.");

    public async ValueTask DisposeAsync()
    {
        await Cast.DisposeAsync();
        await Rig.DisposeAsync();
    }

    /// <summary>A workspace composed as <c>LikenessWorkspace.OpenAsync(options, …)</c> composes one, with the rig's provider (and the sims) and no engines.</summary>
    private static async Task<LikenessWorkspace> OpenAsync(TakeoverRig rig, WorkspaceOptions options, TimeProvider time)
    {
        if (rig.Prices is { } prices)
        {
            await File.WriteAllTextAsync(Path.Combine(options.Home, PriceFile.DefaultName), prices);
        }

        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddLikeness(options).AddSim(options.SimProfiles);
        rig.Compose(services);
        services.AddSingleton(_ => new FaceEngineSource((IFaceAnalyzer?)null));
        services.AddSingleton(_ => new ClipEngineSource((ClipEngine?)null));
        services.AddSingleton(sp => new DinoEngineSource(options.DinoModel, installedWhenNull: false, sp.GetRequiredService<ILogger<DinoEngineSource>>()));
        ServiceProvider provider = services.BuildServiceProvider();
        try
        {
            return await LikenessWorkspace.OpenAsync(provider, provider);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }
}
