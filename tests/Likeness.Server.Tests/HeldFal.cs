using System.Text.Json;
using Likeness.Providers.Fal;
using Likeness.Testing;
using Likeness.Testing.Emulators.Fal;
using Microsoft.Extensions.Logging;

namespace Likeness.Server.Tests;

/// <summary>
/// For the takeover tests: fal's emulator on a clock that stands still until the test moves it (a call takes
/// <see cref="Run"/>), and a home that servers use one after another: one abandoned mid-job without handing over, then
/// one that takes the job over (short polls and claim leases, so the takeover is quick).
/// </summary>
internal sealed class HeldFal : IAsyncDisposable
{
    private static readonly string[] Polling = ["--Likeness:Jobs:PollInterval", "00:00:00.200", "--Likeness:ClaimLease", "00:00:03"];

    private readonly TempFolder _home = new();
    private readonly List<CapturedLogs> _logs = [];

    private HeldFal(ManualTime time, FalEmulator fal)
    {
        Time = time;
        Fal = fal;
    }

    /// <summary>The emulator's clock.</summary>
    public ManualTime Time { get; }

    /// <summary>The emulator.</summary>
    public FalEmulator Fal { get; }

    /// <summary>How far to move the clock for a queued call to finish.</summary>
    public TimeSpan Run => Fal.Options.QueueDelay + Fal.Options.RunDuration;

    public static async Task<HeldFal> StartAsync()
    {
        var time = new ManualTime();
        return new HeldFal(time, await FalEmulator.StartAsync(new FalEmulatorOptions { Time = time, QueueDelay = TimeSpan.FromMilliseconds(50), RunDuration = TimeSpan.FromSeconds(2) }));
    }

    /// <summary>A server on the shared home, its fal the emulator (its client as <paramref name="fal"/> sets it, when given).</summary>
    public Task<ServerHost> ServerAsync(Action<FalClientOptions>? fal = null)
    {
        var logs = new CapturedLogs();
        _logs.Add(logs);
        return ServerHost.StartAsync(_home.Path, Polling, builder =>
        {
            FalServer.At(Fal, configure: fal)(builder);
            builder.Logging.AddProvider(logs);
        });
    }

    /// <summary>
    /// The last event of a job followed on the server that took it over; bounded generously, since the takeover waits
    /// out the abandoned server's claim lease and this machine is shared.
    /// </summary>
    public async Task<JsonElement> LastAfterTakeoverAsync(HttpClient client, Guid project, Guid job)
    {
        try
        {
            return (await JobClient.FollowAsync(client, project, job, within: TimeSpan.FromMinutes(3)))[^1].Data;
        }
        catch (OperationCanceledException)
        {
            // Say what the stuck job and fal saw, and what each server logged, instead of a bare timeout.
            JsonElement state = await JobClient.GetAsync(client, project, job);
            string logs = string.Join("\n", _logs.Select((l, i) => $"--- server {i + 1}\n{string.Join("\n", l.Lines)}"));
            Assert.Fail($"The job did not finish after the takeover: {state}; instant-character submissions at fal {Fal.Submissions(FalApps.InstantCharacter)}.\n{logs}");
            throw;
        }
    }

    /// <summary>
    /// Once fal has answered <paramref name="faults"/> injected faults, lets the call it holds finish; then, when
    /// <paramref name="thenSubmitted"/> calls in all have been sent, lets those finish too. Runs beside the job it frees.
    /// </summary>
    public Task FinishAfterFaultsAsync(int faults, string what, int thenSubmitted = 0) => Task.Run(async () =>
    {
        await Eventually.HoldsAsync(() => Task.FromResult(Fal.Faults.Taken == faults), what, TimeSpan.FromMinutes(2));
        Time.Advance(Run);
        if (thenSubmitted > 0)
        {
            await Fal.SubmittedAsync(thenSubmitted);
            Time.Advance(Run);
        }
    });

    public async ValueTask DisposeAsync()
    {
        await Fal.DisposeAsync();
        _home.Dispose();
    }
}
