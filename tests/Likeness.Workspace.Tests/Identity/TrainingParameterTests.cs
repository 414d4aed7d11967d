using Likeness.Core.Identity;
using Likeness.Providers.Fal;
using Likeness.Providers.Http;
using Likeness.Testing.Emulators.Fal;
using Likeness.Workspace.Faces;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Persistence;

namespace Likeness.Workspace.Tests.Identity;

/// <summary>Training parameters from the caller at fal (the emulator): refused before any money moves, sent and recorded when in range.</summary>
public sealed class TrainingParameterTests
{
    [Fact]
    public async Task Fal_refuses_a_rank_or_steps_out_of_range_before_any_money_moves_and_trains_with_the_steps_asked()
    {
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions
        {
            QueueDelay = TimeSpan.FromMilliseconds(10), RunDuration = TimeSpan.FromMilliseconds(10), TrainingDuration = TimeSpan.FromMilliseconds(100),
        });
        var client = new FalClientOptions
        {
            Key = fal.Key, QueueUri = fal.QueueUri, SyncUri = fal.SyncUri, RestUri = fal.RestUri, JwksUri = fal.JwksUri,
            PollInterval = TimeSpan.FromMilliseconds(20), Http = new HttpPipelineOptions { Retry = new RetryOptions { MaxRetries = 0 } },
        };
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(
            DatabaseKind.Sqlite, faces: FaceEngine.TryLoadDefault(out string? problem) ?? throw new InvalidOperationException(problem), fal: client);
        IdentityManager identities = cast.Workspace.Identities;

        // fal's fast trainer takes steps only, 1 to 10000: a rank, or 20000 steps, is refused naming the parameter.
        ArgumentException rank = await Assert.ThrowsAsync<ArgumentException>(() =>
            identities.CreateAsync(cast.Obama, "fal", new IdentityCreation { Parameters = new TrainingParameters { Rank = 32 } }));
        ArgumentException steps = await Assert.ThrowsAsync<ArgumentException>(() =>
            identities.CreateAsync(cast.Obama, "fal", new IdentityCreation { Parameters = new TrainingParameters { Steps = 20_000 } }));
        Assert.Equal(("rank", "steps"), (rank.ParamName, steps.ParamName));
        Assert.Empty(fal.Requests);
        Likeness.Core.Costs.CostLedger untouched = await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId);
        Assert.Equal((0m, 0m), (untouched.CommittedUsd, untouched.ReservedUsd));
        Assert.Empty(await identities.ListAsync(cast.Obama.Id));

        // In range: sent to the trainer and recorded on the version.
        IdentityModel trained = await identities.CreateAsync(cast.Obama, "fal", new IdentityCreation { Parameters = new TrainingParameters { Steps = 1500 } });
        Assert.Equal(IdentityModelStatus.Ready, trained.Status);
        Assert.Equal("1500", trained.TrainingParameters["steps"]);
        FalEmulatedRequest submitted = Assert.Single(fal.Requests, r => r.EndpointId == FalApps.FluxLoraFastTraining);
        Assert.Equal(1500, submitted.Input.GetProperty("steps").GetInt32());

        // Other steps are another training (v2), never the first one joined: the parameters are part of what a training is.
        IdentityModel longer = await identities.CreateAsync(cast.Obama, "fal", new IdentityCreation { Parameters = new TrainingParameters { Steps = 3000 } });
        Assert.Equal((2, "3000"), (longer.Version, longer.TrainingParameters["steps"]));
        Assert.Equal(2, fal.Submissions(FalApps.FluxLoraFastTraining));
    }
}
