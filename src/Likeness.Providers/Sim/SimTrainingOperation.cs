using System.Globalization;
using System.Text.Json;
using Likeness.Core.Identity;
using Likeness.Core.Providers;

namespace Likeness.Providers.Sim;

/// <summary>
/// A simulated training: queued for the first tenth of its duration, then running with log lines, then done
/// (or failed, when the failure rate says so). Its state follows from the stored job and the clock alone.
/// </summary>
internal sealed class SimTrainingOperation(SimProvider provider, SimBackend backend, SimJob job, TimeProvider time) : TrainingOperation
{
    private readonly List<string> _logs = [];
    private TrainingStatus _status = TrainingStatus.Queued;
    private double? _progress;
    private TrainedIdentity? _result;
    private string? _failure;

    public override string Id => job.Id;

    public override string Provider => provider.Descriptor.Name;

    public override TrainingStatus Status => _status;

    public override double? Progress => _progress;

    public override IReadOnlyList<string> Logs => _logs;

    public override string? FailureReason => _failure;

    protected override TrainedIdentity? Result => _result;

    public override async Task<TrainingStatus> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        if (HasCompleted)
        {
            return _status;
        }

        job = await backend.LoadAsync(provider.Descriptor.Name, job.Id, cancellationToken).ConfigureAwait(false);
        double elapsed = (time.GetUtcNow() - job.SubmittedAt).TotalMilliseconds;
        double fraction = Math.Clamp(elapsed / job.DurationMs, 0, 1);
        if (job.Cancelled)
        {
            (_status, _failure) = (TrainingStatus.Cancelled, "cancelled");
        }
        else if (fraction < 0.1)
        {
            _status = TrainingStatus.Queued;
        }
        else if (fraction < 1)
        {
            _status = TrainingStatus.Running;
            _progress = (fraction - 0.1) / 0.9;
            Log($"step {(int)(_progress * 1000)}/1000 (simulated)");
        }
        else if (job.WillFail)
        {
            (_status, _progress, _failure) = (TrainingStatus.Failed, 1, "Simulated training failure (injected by the sim's training failure rate).");
            Log(_failure);
        }
        else
        {
            _result = await BuildResultAsync(cancellationToken).ConfigureAwait(false);
            (_status, _progress) = (TrainingStatus.Succeeded, 1);
            Log("training complete (simulated)");
        }

        return _status;
    }

    public override async Task CancelAsync(CancellationToken cancellationToken = default)
    {
        if (!HasCompleted)
        {
            await backend.UpdateAsync(job with { Cancelled = true }, cancellationToken).ConfigureAwait(false);
            await UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TrainedIdentity> BuildResultAsync(CancellationToken cancellationToken)
    {
        var photos = new List<(string, byte[])>();
        foreach (string sha in job.ReferenceShas)
        {
            photos.Add((sha, await backend.ReadReferenceAsync(job.Id, sha, cancellationToken).ConfigureAwait(false)));
        }

        byte[] config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            simulated = true,
            trigger_word = job.TriggerToken,
            steps = job.Parameters.GetValueOrDefault("steps", "1000"),
            lora_rank = job.Parameters.GetValueOrDefault(TrainingParameters.RankKey),
            learning_rate = job.Parameters.GetValueOrDefault(TrainingParameters.LearningRateKey),
            images = job.ReferenceShas.Count,
            duration_s = (job.DurationMs / 1000).ToString("F1", CultureInfo.InvariantCulture),
        }, SimWeights.Json);
        return new TrainedIdentity(
            [
                new TrainedFile(IdentityArtifactKind.Weights, SimWeights.FileName, SimWeights.Pack(job, photos, provider.TrainedFidelity(job)), null),
                new TrainedFile(IdentityArtifactKind.Config, "config.json", config, null),
            ],
            job.Id,
            provider.Profile.TrainingPriceUsd);
    }

    private void Log(string line)
    {
        if (_logs.Count == 0 || _logs[^1] != line)
        {
            _logs.Add(line);
        }
    }
}
