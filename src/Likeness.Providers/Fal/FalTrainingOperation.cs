using System.Text.RegularExpressions;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Providers.Fal.Models;

namespace Likeness.Providers.Fal;

/// <summary>
/// A FLUX LoRA fast training at fal, rebuilt from its request id alone. On success it downloads the LoRA
/// weights and config at once (fal keeps results 1 h, large ones 6 min, and media expire too).
/// </summary>
internal sealed partial class FalTrainingOperation(FalProvider provider, FalRequestHandle handle) : TrainingOperation
{
    private List<string> _logs = [];
    private TrainingStatus _status = TrainingStatus.Queued;
    private double? _progress;
    private string? _failure;
    private TrainedIdentity? _result;
    private bool _cancelRequested;

    public override string Id => handle.RequestId;

    public override string Provider => provider.Descriptor.Name;

    public override TrainingStatus Status => _status;

    public override double? Progress => _progress;

    public override IReadOnlyList<string> Logs => _logs;

    public override string? FailureReason => _failure;

    protected override TrainedIdentity? Result => _result;

    /// <summary>The fal request.</summary>
    public FalRequestHandle Handle => handle;

    public override async Task<TrainingStatus> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        if (HasCompleted)
        {
            return _status;
        }

        FalClient client = provider.Client;
        FalQueueStatus status;
        try
        {
            status = await client.GetStatusAsync(handle, logs: true, cancellationToken).ConfigureAwait(false);
        }
        catch (FalException ex) when (ex.Status == 404 && _cancelRequested)
        {
            // A queued request that was cancelled is removed from the queue.
            return Finish(TrainingStatus.Cancelled, "cancelled before it started");
        }

        if (status.Logs is { Count: > 0 } logs)
        {
            _logs = [.. logs.Select(l => l.Message)];
            _progress = ProgressOf(_logs) ?? _progress;
        }

        switch (status.Status)
        {
            case FalQueueState.InQueue:
                _status = TrainingStatus.Queued;
                return _status;
            case FalQueueState.InProgress:
                _status = TrainingStatus.Running;
                return _status;
            case FalQueueState.Completed:
                break;
            default:
                throw new FalException($"fal reported an unknown status '{status.Status}' for training {Id}.", requestId: Id);
        }

        FluxLoraTrainingOutput output;
        try
        {
            output = FalJson.Read<FluxLoraTrainingOutput>((await client.GetResultAsync(handle, cancellationToken).ConfigureAwait(false)).Value);
        }
        catch (FalException ex) when (status.IsFailed || (ex.Status is >= 400 and < 500 && !ex.Retriable))
        {
            // The app's own error (e.g. 422 with details, or any status once fal says it failed), or a result fal no
            // longer keeps: either way no LoRA. A passing failure (429, 5xx of a job that did not fail) is rethrown: the
            // training is asked about again, never marked failed while fal may still bill it.
            return Finish(_cancelRequested ? TrainingStatus.Cancelled : TrainingStatus.Failed, ex.Message);
        }

        byte[] weights = await client.DownloadAsync(output.DiffusersLoraFile.Url, cancellationToken).ConfigureAwait(false);
        var files = new List<TrainedFile>
        {
            new(IdentityArtifactKind.Weights, output.DiffusersLoraFile.FileName ?? "pytorch_lora_weights.safetensors", weights, new Uri(output.DiffusersLoraFile.Url)),
        };
        if (output.ConfigFile is { } config)
        {
            files.Add(new(IdentityArtifactKind.Config, "config.json", await client.DownloadAsync(config.Url, cancellationToken).ConfigureAwait(false), new Uri(config.Url)));
        }

        _result = new TrainedIdentity(files, null, provider.Descriptor.Prices.EstimateTraining(FalApps.FluxLoraFastTraining));
        _progress = 1;
        _status = TrainingStatus.Succeeded;
        return _status;
    }

    public override async Task CancelAsync(CancellationToken cancellationToken = default)
    {
        if (HasCompleted)
        {
            return;
        }

        FalCancelResult answer = await provider.Client.CancelAsync(handle, cancellationToken).ConfigureAwait(false);
        _cancelRequested = answer.Accepted;
        await UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The fraction done from the last <c>step N/M</c> log line.</summary>
    internal static double? ProgressOf(IReadOnlyList<string> logs) => TrainingLogProgress.LastFraction(logs, StepPattern());

    private TrainingStatus Finish(TrainingStatus status, string reason)
    {
        (_status, _failure) = (status, reason);
        return status;
    }

    [GeneratedRegex(@"step\s+(\d+)\s*/\s*(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex StepPattern();
}
