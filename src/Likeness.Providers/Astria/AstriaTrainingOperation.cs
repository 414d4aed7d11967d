using System.Globalization;
using System.Text.Json;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Providers.Astria.Callbacks;
using Likeness.Providers.Astria.Models;

namespace Likeness.Providers.Astria;

/// <summary>
/// An Astria tune in training, rebuilt from its id alone. Astria has no status field: the tune is trained when
/// <c>trained_at</c> is set. It is read at most every <see cref="AstriaProviderOptions.TrainingPollInterval"/>, sooner
/// when its callback arrives or in the minute after the tune's <c>eta</c>. A tune that is gone (404) or still untrained after
/// <see cref="AstriaProviderOptions.TrainingTimeout"/> has failed. FLUX LoRAs cannot be downloaded, so the result is
/// the tune id and the tune's JSON.
/// </summary>
internal sealed class AstriaTrainingOperation(AstriaProvider provider, long tuneId, AstriaCallbackTicket? callback) : TrainingOperation
{
    private static readonly TimeSpan EtaWindow = TimeSpan.FromMinutes(1);
    private readonly List<string> _logs = [];
    private TrainingStatus _status = TrainingStatus.Queued;
    private string? _failure;
    private TrainedIdentity? _result;
    private DateTimeOffset? _lastRead;
    private DateTimeOffset? _createdAt;
    private DateTimeOffset? _eta;
    private Task? _signal = callback?.Arrived;

    public override string Id => tuneId.ToString(CultureInfo.InvariantCulture);

    public override string Provider => provider.Descriptor.Name;

    public override TrainingStatus Status => _status;

    public override double? Progress => _status == TrainingStatus.Succeeded ? 1 : null;

    public override IReadOnlyList<string> Logs => _logs;

    public override string? FailureReason => _failure;

    protected override TrainedIdentity? Result => _result;

    public override async Task<TrainingStatus> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        if (HasCompleted)
        {
            return _status;
        }

        AstriaClient client = provider.Client;
        DateTimeOffset now = client.Time.GetUtcNow();
        bool woken = _signal is { IsCompleted: true };
        // Around Astria's own ETA the caller's cadence is used (for a minute), so a tune is picked up as it ends.
        bool nearEta = _eta is { } eta && now >= eta && now - eta < EtaWindow;
        if (!woken && !nearEta && _lastRead is { } last && now - last < provider.Options.TrainingPollInterval)
        {
            // Spare Astria the poll: nothing new can be known before the interval or the callback.
            return _status;
        }

        if (woken)
        {
            _signal = null;
            _logs.Add("callback received");
        }

        _lastRead = now;
        AstriaTune tune;
        try
        {
            tune = await client.GetTuneAsync(tuneId, cancellationToken).ConfigureAwait(false);
        }
        catch (AstriaException ex) when (ex.Status == 404)
        {
            return Finish(_status == TrainingStatus.Cancelled ? TrainingStatus.Cancelled : TrainingStatus.Failed, "the tune is gone at Astria (deleted, or its training failed)");
        }

        // The timeout runs on our clock from when this operation first saw the tune: Astria's created_at is its
        // clock, and comparing the two would fail a tune early whenever they disagree.
        _createdAt ??= now;
        _eta = tune.Eta;
        if (!tune.IsTrained)
        {
            TrainingStatus next = tune.StartedTrainingAt is null ? TrainingStatus.Queued : TrainingStatus.Running;
            if (next != _status)
            {
                _logs.Add(next == TrainingStatus.Running ? "training started" : "waiting for a worker");
            }

            _status = next;
            return now - _createdAt.Value > provider.Options.TrainingTimeout
                ? Finish(TrainingStatus.Failed, $"the tune was not trained within {provider.Options.TrainingTimeout.TotalHours:0.#} h")
                : _status;
        }

        if (callback is not null)
        {
            client.Callbacks.Complete(callback.Job);
        }

        byte[] json = JsonSerializer.SerializeToUtf8Bytes(tune, AstriaJson.Options);
        var files = new List<TrainedFile> { new(IdentityArtifactKind.Config, "astria-tune.json", json, tune.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out Uri? source) ? source : null) };
        _result = new TrainedIdentity(files, Id, provider.TrainingCost());
        _logs.Add($"trained at {tune.TrainedAt:O}");
        _status = TrainingStatus.Succeeded;
        return _status;
    }

    public override async Task CancelAsync(CancellationToken cancellationToken = default)
    {
        if (HasCompleted)
        {
            return;
        }

        await provider.Client.DeleteTuneAsync(tuneId, cancellationToken).ConfigureAwait(false);
        Finish(TrainingStatus.Cancelled, "the tune was deleted");
    }

    private TrainingStatus Finish(TrainingStatus status, string reason)
    {
        (_status, _failure) = (status, reason);
        _logs.Add(reason);
        return status;
    }
}
