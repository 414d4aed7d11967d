using System.Text.RegularExpressions;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Providers.Fal.Models;

namespace Likeness.Providers.Fal;

/// <summary>
/// A FLUX LoRA fast training at fal, rebuilt from its request id alone. On success it downloads the LoRA
/// weights and config at once (fal keeps results 1 h, large ones 6 min, and media expire too). A completed training
/// whose result or files fal no longer keeps fails with fal's price as <see cref="ChargedWithoutResultUsd"/>: fal billed it.
/// </summary>
internal sealed partial class FalTrainingOperation(FalProvider provider, FalRequestHandle handle) : TrainingOperation
{
    private List<string> _logs = [];
    private TrainingStatus _status = TrainingStatus.Queued;
    private double? _progress;
    private string? _failure;
    private TrainedIdentity? _result;
    private bool _cancelRequested;
    private decimal _billedWithoutResult;

    public override string Id => handle.RequestId;

    public override string Provider => provider.Descriptor.Name;

    public override TrainingStatus Status => _status;

    public override double? Progress => _progress;

    public override IReadOnlyList<string> Logs => _logs;

    public override string? FailureReason => _failure;

    /// <summary>fal's price for a training it ran and billed whose result or files it no longer keeps; 0 otherwise.</summary>
    public override decimal ChargedWithoutResultUsd => _billedWithoutResult;

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

        decimal price = provider.Descriptor.Prices.EstimateTraining(FalApps.FluxLoraFastTraining);
        var files = new List<TrainedFile>();
        try
        {
            FluxLoraTrainingOutput output;
            try
            {
                output = FalJson.Read<FluxLoraTrainingOutput>((await client.GetResultAsync(handle, cancellationToken).ConfigureAwait(false)).Value);
            }
            catch (FalException ex) when (status.IsFailed || _cancelRequested || (ex.ErrorType != FalClient.ResultExpired && ex.Status is >= 400 and < 500 && !ex.Retriable))
            {
                // The app's own error (e.g. 422 with details, or any status once fal says it failed or a cancel it accepted):
                // no LoRA, and nothing billed. A passing failure (429, 5xx of a job that did not fail) is rethrown: the training is asked about
                // again, never marked failed while fal may still bill it.
                return Finish(_cancelRequested ? TrainingStatus.Cancelled : TrainingStatus.Failed, ex.Message);
            }

            files.Add(await DownloadAsync(client, IdentityArtifactKind.Weights, output.DiffusersLoraFile.FileName ?? "pytorch_lora_weights.safetensors", output.DiffusersLoraFile.Url, cancellationToken).ConfigureAwait(false));
            if (output.ConfigFile is { } config)
            {
                files.Add(await DownloadAsync(client, IdentityArtifactKind.Config, "config.json", config.Url, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (FalException ex) when (ex.ErrorType is FalClient.ResultExpired or FalClient.MediaExpired)
        {
            // fal completed the training and billed it, but no longer keeps its result (or its files): its verdict, final.
            // The version fails charged fal's price, and nothing trains it again on its own (that would pay twice).
            _billedWithoutResult = price;
            return Finish(TrainingStatus.Failed, $"The provider's result expired before it was collected: fal ran training {Id} and billed it, so it is charged and not trained again ({ex.Message})");
        }

        _result = new TrainedIdentity(files, null, price);
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

    private static async Task<TrainedFile> DownloadAsync(FalClient client, IdentityArtifactKind kind, string name, string url, CancellationToken cancellationToken) =>
        new(kind, name, await client.DownloadAsync(url, cancellationToken).ConfigureAwait(false), new Uri(url));

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
