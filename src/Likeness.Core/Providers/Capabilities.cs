namespace Likeness.Core.Providers;

/// <summary>Generates from reference photos with no training (fal Instant Character, Leonardo, Stability).</summary>
public interface IReferenceImageGenerator : IProvider
{
    /// <summary>Runs one generation call.</summary>
    Task<GenerationResult> GenerateFromReferencesAsync(ReferenceGenerationRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Trains identities (fal FLUX LoRA, Astria tunes, Replicate trainers) as resumable long-running operations.</summary>
public interface IIdentityTrainer : IProvider
{
    /// <summary>Submits training and returns the operation; its <see cref="TrainingOperation.Id"/> must be stored.</summary>
    Task<TrainingOperation> StartTrainingAsync(TrainingRequest request, CancellationToken cancellationToken = default);

    /// <summary>Rebuilds the operation from the provider's job id, e.g. after a restart.</summary>
    Task<TrainingOperation> ResumeTrainingAsync(string providerJobId, CancellationToken cancellationToken = default);
}

/// <summary>Generates with trained identities.</summary>
public interface ITrainedIdentityGenerator : IProvider
{
    /// <summary>Runs one generation call.</summary>
    Task<GenerationResult> GenerateWithIdentityAsync(TrainedGenerationRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Makes video from a pinned character's elements (Kling O1 through fal).</summary>
public interface IElementVideoGenerator : IProvider
{
    /// <summary>Runs one video call.</summary>
    Task<VideoResult> GenerateVideoAsync(ElementVideoRequest request, CancellationToken cancellationToken = default);
}
