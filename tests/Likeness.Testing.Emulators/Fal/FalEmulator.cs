using System.Security.Cryptography;
using Likeness.Testing.Emulators.Fal.Apps;
using Likeness.Testing.Emulators.Fal.Http;
using Likeness.Testing.Emulators.Fal.Queue;
using Likeness.Testing.Emulators.Fal.Storage;
using Likeness.Testing.Emulators.Fal.Webhooks;
using Microsoft.AspNetCore.Builder;

namespace Likeness.Testing.Emulators.Fal;

/// <summary>
/// A local fal.ai: a real HTTP server on 127.0.0.1 speaking fal's queue, sync, storage, CDN, webhook and JWKS wire
/// protocol (providers.md §1) for four apps, with images from the sim renderer. For contract tests of fal clients.
/// </summary>
public sealed class FalEmulator : IAsyncDisposable
{
    private readonly WebApplication _server;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _lifetime;
    private readonly FalQueue _queue;
    private readonly FalRunner _runner;
    private readonly FalSigningKeys _keys;
    private readonly FalWebhookSender _webhooks;
    private readonly Task _webhookLoop;
    private readonly List<Task> _deliveries = [];

    private FalEmulator(WebApplication server, Uri root, FalEmulatorOptions options)
    {
        _server = server;
        Options = options;
        Key = $"emulated-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
        QueueUri = new Uri(root, FalGateway.QueueHost + "/");
        SyncUri = new Uri(root, FalGateway.SyncHost + "/");
        RestUri = new Uri(root, FalGateway.RestHost + "/");
        CdnUri = new Uri(root, FalGateway.CdnHost + "/");
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        _lifetime = new CancellationTokenSource();
        var cdn = new FalCdn(CdnUri, options);
        var tokens = new FalCdnTokens(options);
        _queue = new FalQueue(options);
        _runner = new FalRunner(options, new FalFetcher(cdn, _http), cdn, new FalLoraRegistry(), _lifetime.Token);
        _keys = new FalSigningKeys();
        _webhooks = new FalWebhookSender(options, _keys, _http);
        var statuses = new FalStatusWriter(QueueUri, _queue, _runner);
        var apps = new FalApps([new InstantCharacterApp(), new FluxLoraApp(), new FluxLoraTrainingApp(), new KlingReferenceVideoApp()]);
        Gateway = new FalGateway(
            Key,
            Faults,
            new FalQueueRoutes(apps, _queue, _runner, statuses, new FalStatusStream(statuses), options),
            new FalStorageRoutes(RestUri, cdn, tokens, options),
            new FalSyncRoutes(apps, _runner, options),
            new FalCdnRoutes(cdn, tokens, options),
            _keys);
        _webhookLoop = Task.Run(() => DispatchWebhooksAsync(_lifetime.Token));
    }

    /// <summary>Stands for <c>https://queue.fal.run/</c>.</summary>
    public Uri QueueUri { get; }

    /// <summary>Stands for <c>https://fal.run/</c>.</summary>
    public Uri SyncUri { get; }

    /// <summary>Stands for <c>https://rest.fal.ai/</c> (storage uploads, JWKS).</summary>
    public Uri RestUri { get; }

    /// <summary>Stands for <c>https://v3.fal.media/</c>: uploaded files and result media are served here.</summary>
    public Uri CdnUri { get; }

    /// <summary>The webhook keys: <see cref="RestUri"/> + <c>.well-known/jwks.json</c>.</summary>
    public Uri JwksUri => new(RestUri, ".well-known/jwks.json");

    /// <summary>The only key accepted (<c>Authorization: Key {Key}</c>); anything else gets 401.</summary>
    public string Key { get; }

    /// <summary>Knobs; may be changed while running.</summary>
    public FalEmulatorOptions Options { get; }

    /// <summary>Fault injection for the next requests.</summary>
    public FalFaults Faults { get; } = new();

    /// <summary>Every accepted queue submission, in order, with its status now.</summary>
    public IReadOnlyList<FalEmulatedRequest> Requests =>
        [.. _queue.All().Select(j => new FalEmulatedRequest(j.RequestId, j.EndpointId, j.Input, j.WebhookUrl, StatusOf(j)))];

    /// <summary>Every webhook delivery attempt, in order.</summary>
    public IReadOnlyList<FalWebhookDelivery> Deliveries => _webhooks.Attempts;

    private FalGateway Gateway { get; }

    /// <summary>Starts an emulator on a free loopback port.</summary>
    /// <exception cref="ArgumentException">A knob in <paramref name="options"/> is out of range.</exception>
    public static async Task<FalEmulator> StartAsync(FalEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FalEmulatorOptions();
        options.Validate();
        FalEmulator? emulator = null;
        (WebApplication server, Uri root) = await LoopbackServer.StartAsync(context => emulator!.Gateway.HandleAsync(context), cancellationToken);
        emulator = new FalEmulator(server, root, options);
        return emulator;
    }

    /// <summary>Accepted submissions to one endpoint id (to catch a duplicate paid submission).</summary>
    public int Submissions(string endpointId) => _queue.All().Count(j => j.EndpointId == endpointId);

    /// <summary>
    /// Completes once <paramref name="count"/> queue submissions have been accepted, however they arrived: a test
    /// waits on it instead of polling <see cref="Requests"/>.
    /// </summary>
    public Task SubmittedAsync(int count = 1) => _queue.SubmittedAsync(count);

    /// <summary>
    /// Completes once each of the first <paramref name="count"/> submissions has been asked for its status: its client
    /// holds the request id fal answered with (and has recorded it, where it records before following). A test that stops
    /// a client mid-call waits on it to leave a request that can be collected, rather than one whose answer was lost.
    /// </summary>
    public Task FollowedAsync(int count = 1) => _queue.FollowedAsync(count);

    /// <summary>Makes a new Ed25519 signing key; the JWKS lists it, and the old one too when <paramref name="keepOldKeyPublished"/>.</summary>
    public void RotateSigningKey(bool keepOldKeyPublished) => _keys.Rotate(keepOldKeyPublished);

    /// <summary>Posts the request's last signed webhook delivery again, byte for byte (headers included: a replay).</summary>
    /// <exception cref="InvalidOperationException">No delivery was made for <paramref name="requestId"/> yet.</exception>
    public Task RedeliverWebhookAsync(string requestId, CancellationToken cancellationToken = default) =>
        _webhooks.RedeliverAsync(requestId, cancellationToken);

    /// <summary>
    /// Completes when every webhook dispatched so far has ended its attempts (delivered or given up), so a test can
    /// assert that no further attempt comes without waiting for one in real time.
    /// </summary>
    public Task DeliveriesSettledAsync()
    {
        lock (_deliveries)
        {
            return Task.WhenAll(_deliveries);
        }
    }

    /// <summary>The headers and body of a delivery signed with the current key at <paramref name="timestamp"/> (for forging and replay tests).</summary>
    public FalSignedDelivery SignDelivery(string requestId, ReadOnlySpan<byte> body, DateTimeOffset timestamp) =>
        _keys.Sign(requestId, Options.UserId, body, timestamp);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Cancelled first, so the webhook loop adds no delivery after the snapshot.
        await _lifetime.CancelAsync();
        Task[] pending;
        lock (_deliveries)
        {
            pending = [_webhookLoop, .. _deliveries];
        }

        await LoopbackServer.StopAsync(_server, _lifetime, pending, _http);
    }

    private string StatusOf(FalJob job) => job.Cancelled ? "CANCELLED" : job.PhaseAt(Options.Time.GetUtcNow()) switch
    {
        FalPhase.InQueue => "IN_QUEUE",
        FalPhase.InProgress => "IN_PROGRESS",
        _ => "COMPLETED",
    };

    /// <summary>Watches the clock for completed requests that asked for a webhook, and delivers each once.</summary>
    private async Task DispatchWebhooksAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                DateTimeOffset now = Options.Time.GetUtcNow();
                foreach (FalJob job in _queue.All())
                {
                    if (job.WebhookDispatched || job.WebhookUrl is null || job.PhaseAt(now) != FalPhase.Completed)
                    {
                        continue;
                    }

                    job.WebhookDispatched = true;
                    if (Uri.TryCreate(job.WebhookUrl, UriKind.Absolute, out Uri? url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
                    {
                        lock (_deliveries)
                        {
                            _deliveries.Add(DeliverAsync(job, url, cancellationToken));
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private async Task DeliverAsync(FalJob job, Uri url, CancellationToken cancellationToken)
    {
        FalOutcome outcome = await _runner.OutcomeAsync(job);
        await _webhooks.DeliverAsync(job.RequestId, url, outcome, cancellationToken);
    }
}
