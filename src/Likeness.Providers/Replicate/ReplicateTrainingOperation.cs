using System.Text.RegularExpressions;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Providers.Replicate.Models;

namespace Likeness.Providers.Replicate;

/// <summary>
/// A Replicate training, resumable from its id. On success it downloads the weights at once (Replicate removes
/// outputs after an hour) and names the new destination version as the provider model generation runs. A canceled
/// training is charged for the time it ran, an aborted one is not (<see cref="TrainingOperation.ChargedWithoutResultUsd"/>).
/// </summary>
internal sealed partial class ReplicateTrainingOperation(ReplicateProvider provider, ReplicatePrediction training) : TrainingOperation
{
    private ReplicatePrediction _job = training;
    private TrainingStatus _status = TrainingStatus.Queued;
    private List<string> _logs = [];
    private double? _progress;
    private string? _failure;
    private decimal _charged;
    private TrainedIdentity? _result;

    public override string Id => _job.Id;

    public override string Provider => provider.Descriptor.Name;

    public override TrainingStatus Status => _status;

    public override double? Progress => _progress;

    public override IReadOnlyList<string> Logs => _logs;

    public override string? FailureReason => _failure;

    public override decimal ChargedWithoutResultUsd => _charged;

    protected override TrainedIdentity? Result => _result;

    public override async Task<TrainingStatus> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        if (HasCompleted)
        {
            return _status;
        }

        ReplicateClient client = provider.Client;
        _job = await client.GetTrainingAsync(_job.Id, cancellationToken).ConfigureAwait(false);
        if (_job.Logs is { Length: > 0 } logs)
        {
            _logs = [.. logs.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            _progress = ProgressOf(_logs) ?? _progress;
        }

        switch (_job.Status)
        {
            case ReplicateStatus.Starting:
                _status = TrainingStatus.Queued;
                return _status;
            case ReplicateStatus.Processing:
                _status = TrainingStatus.Running;
                return _status;
            case ReplicateStatus.Succeeded:
                break;
            case ReplicateStatus.Canceled or ReplicateStatus.Aborted or ReplicateStatus.Failed:
                _charged = provider.CostOf(_job);
                _failure = ReplicateProvider.Ended(_job, "Training", _charged).Message;
                _status = _job.Status == ReplicateStatus.Failed ? TrainingStatus.Failed : TrainingStatus.Cancelled;
                return _status;
            default:
                throw new ReplicateException($"Replicate reported an unknown status '{_job.Status}' for training {Id}.", predictionId: Id);
        }

        ReplicateTrainingOutput output;
        try
        {
            output = _job.Output is { } json ? ReplicateJson.Read<ReplicateTrainingOutput>(json) : throw new ReplicateException("no output", predictionId: Id);
        }
        catch (Exception ex) when (ex is ReplicateException or System.Text.Json.JsonException)
        {
            _charged = provider.CostOf(_job);
            _failure = _job.DataRemoved
                ? $"Replicate removed the output of training {Id} (it keeps API outputs 1 h) before the weights were copied."
                : $"Training {Id} succeeded without a readable output ({ex.Message}).";
            _status = TrainingStatus.Failed;
            return _status;
        }

        var files = new List<TrainedFile>();
        if (output.Weights is { Length: > 0 } weights)
        {
            byte[] bytes = await client.DownloadAsync(weights, cancellationToken).ConfigureAwait(false);
            files.Add(new TrainedFile(IdentityArtifactKind.Weights, FileNameOf(weights), bytes, new Uri(weights)));
        }

        _result = new TrainedIdentity(files, output.Version, provider.CostOf(_job));
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

        _job = await provider.Client.CancelTrainingAsync(_job.Id, cancellationToken).ConfigureAwait(false);
        await UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The fraction done from the last <c>N/M</c> step counter in the trainer's logs (ai-toolkit prints <c>123/1000</c>).</summary>
    internal static double? ProgressOf(IReadOnlyList<string> logs) => TrainingLogProgress.LastFraction(logs, StepPattern());

    private static string FileNameOf(string url)
    {
        string name = Path.GetFileName(new Uri(url).AbsolutePath);
        return name.Length > 0 ? name : "weights.tar";
    }

    [GeneratedRegex(@"(\d+)\s*/\s*(\d+)")]
    private static partial Regex StepPattern();
}
