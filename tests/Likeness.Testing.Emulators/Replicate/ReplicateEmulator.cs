using System.Text.Json;
using System.Text.Json.Nodes;
using Likeness.Imaging;
using Microsoft.AspNetCore.Builder;

namespace Likeness.Testing.Emulators.Replicate;

/// <summary>A job as the emulator holds it, with its status now.</summary>
public sealed record ReplicateEmulatedJob(string Id, string Kind, string Model, string Version, JsonElement Input, string Status, string? Webhook, IReadOnlyList<string>? EventsFilter = null);

/// <summary>
/// A local Replicate: a real HTTP server on 127.0.0.1 speaking Replicate's API (providers.md §2) with its own clock,
/// prediction and training life cycles, <c>Prefer: wait</c>, files, models, signed webhooks with its own secret,
/// fault injection (throttling with the documented 429 body, 5xx, dropped connections) and data removal after
/// <see cref="ReplicateEmulatorOptions.DataRetention"/>. Images come from the sim renderer, WebP by default.
/// </summary>
public sealed class ReplicateEmulator : IAsyncDisposable
{
    /// <summary>The FLUX LoRA trainer's emulated version.</summary>
    public static readonly string FluxTrainerVersion = ReplicateStore.NewVersionId();

    private readonly WebApplication _server;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ReplicateStore _store = new();
    private readonly ReplicateWebhookSender _webhooks;
    private readonly Task _webhookLoop;
    private readonly List<Task> _deliveries = [];

    private ReplicateEmulator(WebApplication server, Uri root, ReplicateEmulatorOptions options)
    {
        _server = server;
        Options = options;
        Token = "r8_" + ReplicateStore.NewId();
        ApiUri = new Uri(root, ReplicateApi.ApiPrefix);
        DeliveryUri = new Uri(root, ReplicateApi.DeliveryPrefix);
        _webhooks = new ReplicateWebhookSender(options, _http);
        _store.AddVersion(_store.AddModel("ostris", "flux-dev-lora-trainer"), []);
        _store.Versions[FluxTrainerVersion] = (_store.Models["ostris/flux-dev-lora-trainer"], []);
        _store.Models["ostris/flux-dev-lora-trainer"].Versions.Add(FluxTrainerVersion);
        _store.AddVersion(_store.AddModel("stability-ai", "sdxl"), []);
        _store.AddVersion(_store.AddModel("black-forest-labs", "flux-schnell"), []);
        Api = new ReplicateApi(this, _store, options);
        _webhookLoop = Task.Run(() => DispatchWebhooksAsync(_lifetime.Token));
    }

    /// <summary>Stands for <c>https://api.replicate.com/v1/</c>.</summary>
    public Uri ApiUri { get; }

    /// <summary>Stands for <c>https://replicate.delivery/</c>: output files are served here until their data is removed.</summary>
    public Uri DeliveryUri { get; }

    /// <summary>The only token accepted (<c>Authorization: Bearer {Token}</c>); anything else gets 401.</summary>
    public string Token { get; }

    /// <summary>The account's webhook signing secret (<c>whsec_…</c>).</summary>
    public string WebhookSecret => _webhooks.Secret;

    /// <summary>Knobs; may be changed while running.</summary>
    public ReplicateEmulatorOptions Options { get; }

    /// <summary>Fault injection for the next requests.</summary>
    public ReplicateFaults Faults { get; } = new();

    /// <summary>Every job created, in order, with its status now.</summary>
    public IReadOnlyList<ReplicateEmulatedJob> Jobs =>
        [.. _store.Jobs.Select(j => new ReplicateEmulatedJob(j.Id, j.Kind, j.Model, j.Version, j.Input, j.StatusAt(Options.Time.GetUtcNow()), j.Webhook, j.EventsFilter))];

    /// <summary>Every webhook delivery attempt, in order.</summary>
    public IReadOnlyList<ReplicateWebhookAttempt> Deliveries => _webhooks.Attempts;

    /// <summary>Names of the models the account holds (<c>owner/name</c>).</summary>
    public IReadOnlyCollection<string> Models => [.. _store.Models.Keys];

    private ReplicateApi Api { get; }

    /// <summary>Starts an emulator on a free loopback port.</summary>
    /// <exception cref="ArgumentException">A knob in <paramref name="options"/> is out of range.</exception>
    public static async Task<ReplicateEmulator> StartAsync(ReplicateEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ReplicateEmulatorOptions();
        options.Validate();
        ReplicateEmulator? emulator = null;
        (WebApplication server, Uri root) = await LoopbackServer.StartAsync(context => emulator!.Api.HandleAsync(context), cancellationToken);
        emulator = new ReplicateEmulator(server, root, options);
        return emulator;
    }

    /// <summary>Jobs created of a kind (<c>prediction</c> or <c>training</c>): to catch a duplicate paid submission.</summary>
    public int Submissions(string kind) => _store.Jobs.Count(j => j.Kind == kind);

    /// <summary>Adds a model version trained on <paramref name="photos"/> (for tests that generate without training first); returns <c>owner/name:version</c>.</summary>
    public string AddTrainedVersion(string owner, string name, IEnumerable<byte[]> photos)
    {
        ArgumentNullException.ThrowIfNull(photos);
        var model = _store.AddModel(owner, name, "private");
        List<Image> sources = [.. photos.Select(p => Fal.Apps.FalImageRenderer.TryDecode(p)).OfType<Image>()];
        return $"{owner}/{name}:{_store.AddVersion(model, sources)}";
    }

    /// <summary>Signs <paramref name="body"/> as a delivery at <paramref name="timestamp"/> (with <paramref name="secret"/>, or the account's).</summary>
    public ReplicateSignedDelivery SignDelivery(string webhookId, byte[] body, DateTimeOffset timestamp, string? secret = null) =>
        _webhooks.Sign(webhookId, body, timestamp, secret);

    /// <summary>Posts the job's last webhook delivery again, byte for byte with its headers (a replay).</summary>
    /// <exception cref="InvalidOperationException">No delivery was made for <paramref name="jobId"/> yet.</exception>
    public Task RedeliverWebhookAsync(string jobId, CancellationToken cancellationToken = default) => _webhooks.RedeliverAsync(jobId, cancellationToken);

    /// <summary>The job's JSON now (as <c>GET</c> returns it).</summary>
    internal JsonObject Json(ReplicateJob job) => job.ToJson(Options.Time.GetUtcNow(), ApiUri, Options.DataRetention);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Task[] pending;
        lock (_deliveries)
        {
            pending = [_webhookLoop, .. _deliveries];
        }

        await LoopbackServer.StopAsync(_server, _lifetime, pending, _http);
    }

    /// <summary>Watches the clock: sends <c>start</c> once a job runs and the terminal event once it ends, each once per job.</summary>
    private async Task DispatchWebhooksAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                DateTimeOffset now = Options.Time.GetUtcNow();
                foreach (ReplicateJob job in _store.Jobs.Where(j => j.Webhook is not null))
                {
                    string status = job.StatusAt(now);
                    if (!Uri.TryCreate(job.Webhook, UriKind.Absolute, out Uri? url))
                    {
                        continue;
                    }

                    if (status != "starting" && job.EventsFilter.Contains("start") && job.EventsSent.Add("start"))
                    {
                        Send(job, "start", url, retry: false, cancellationToken);
                    }

                    if (ReplicateStatusIsTerminal(status) && job.EventsFilter.Contains("completed") && job.EventsSent.Add("completed"))
                    {
                        Send(job, "completed", url, retry: true, cancellationToken);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private void Send(ReplicateJob job, string eventName, Uri url, bool retry, CancellationToken cancellationToken)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(Json(job));
        lock (_deliveries)
        {
            _deliveries.Add(_webhooks.DeliverAsync(job.Id, eventName, url, body, retry, cancellationToken));
        }
    }

    private static bool ReplicateStatusIsTerminal(string status) => status is "succeeded" or "failed" or "canceled" or "aborted";
}
