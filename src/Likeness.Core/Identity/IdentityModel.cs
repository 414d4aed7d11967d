namespace Likeness.Core.Identity;

/// <summary>
/// A character's identity at one provider: instant (references), trained (LoRA/tune) or an element. Versions
/// number the models of one character at one provider; <see cref="ParentId"/> links a retrain to its parent.
/// </summary>
public sealed class IdentityModel
{
    private readonly List<IdentityArtifact> _artifacts = [];

    private IdentityModel()
    {
        Provider = string.Empty;
        TrainingParameters = new Dictionary<string, string>();
        ReferenceIds = [];
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The character.</summary>
    public Guid CharacterId { get; private set; }

    /// <summary>How it was made.</summary>
    public IdentityModelKind Kind { get; private set; }

    /// <summary>Provider name (e.g. "fal", "sim-lora").</summary>
    public string Provider { get; private set; }

    /// <summary>Where it is in its life cycle.</summary>
    public IdentityModelStatus Status { get; private set; }

    /// <summary>1 for the first model of this character at this provider, then 2, 3...</summary>
    public int Version { get; private set; }

    /// <summary>The model this one was retrained from, if any.</summary>
    public Guid? ParentId { get; private set; }

    /// <summary>The provider's training job id, from which the operation can be resumed after a restart.</summary>
    public string? ProviderJobId { get; private set; }

    /// <summary>The cost-ledger reservation paying for its training, closed when the training ends.</summary>
    public Guid? ReservationId { get; private set; }

    /// <summary>The references it was made from.</summary>
    public List<Guid> ReferenceIds { get; private set; }

    /// <summary>Training parameters as sent (steps, learning rate...).</summary>
    public Dictionary<string, string> TrainingParameters { get; private set; }

    /// <summary>Files and provider objects.</summary>
    public IReadOnlyList<IdentityArtifact> Artifacts => _artifacts;

    /// <summary>What making it cost, in USD.</summary>
    public decimal CostUsd { get; private set; }

    /// <summary>Why it failed.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it became ready or failed.</summary>
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>An instant or element identity: ready at once.</summary>
    public static IdentityModel CreateReady(
        Guid characterId, IdentityModelKind kind, string provider, int version, IReadOnlyList<Guid> referenceIds,
        IEnumerable<IdentityArtifact> artifacts, TimeProvider time)
    {
        if (kind == IdentityModelKind.Trained)
        {
            throw new RuleViolationException("A trained identity starts in training; use StartTraining.");
        }

        IdentityModel model = New(characterId, kind, provider, version, null, referenceIds, time);
        model.Status = IdentityModelStatus.Ready;
        model.CompletedAt = model.CreatedAt;
        model._artifacts.AddRange(artifacts);
        return model;
    }

    /// <summary>A trained identity whose training has been submitted as <paramref name="providerJobId"/>.</summary>
    public static IdentityModel StartTraining(
        Guid characterId, string provider, int version, Guid? parentId, IReadOnlyList<Guid> referenceIds,
        IReadOnlyDictionary<string, string> parameters, string providerJobId, Guid? reservationId, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerJobId);
        IdentityModel model = New(characterId, IdentityModelKind.Trained, provider, version, parentId, referenceIds, time);
        model.Status = IdentityModelStatus.Training;
        model.ProviderJobId = providerJobId;
        model.ReservationId = reservationId;
        model.TrainingParameters = new Dictionary<string, string>(parameters);
        model._artifacts.Add(new IdentityArtifact { Kind = IdentityArtifactKind.ProviderJob, Name = providerJobId });
        return model;
    }

    /// <summary>The post-training validation's report; null until validated.</summary>
    public IdentityValidation? Validation { get; private set; }

    /// <summary>When a person chose this version as the one in use at its provider (<see cref="VersionChoice"/>); null when never.</summary>
    public DateTimeOffset? ChosenAt { get; private set; }

    /// <summary>A person chooses this ready version as the one in use at its provider (over the automatic choice).</summary>
    public void Choose(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (Status != IdentityModelStatus.Ready)
        {
            throw new RuleViolationException($"Only a ready identity model can be put in use; v{Version} at {Provider} is {Status.ToString().ToLowerInvariant()}.", DomainRules.IdentityNotReady);
        }

        ChosenAt = time.GetUtcNow();
    }

    /// <summary>Training finished: its artifacts are stored and it can generate.</summary>
    public void MarkReady(IEnumerable<IdentityArtifact> artifacts, decimal costUsd, TimeProvider time)
    {
        Require(IdentityModelStatus.Training, IdentityModelStatus.Ready);
        _artifacts.AddRange(artifacts);
        CostUsd = costUsd;
        Status = IdentityModelStatus.Ready;
        CompletedAt = time.GetUtcNow();
    }

    /// <summary>Training failed or was cancelled.</summary>
    public void MarkFailed(string reason, decimal costUsd, TimeProvider time)
    {
        Require(IdentityModelStatus.Training, IdentityModelStatus.Failed);
        FailureReason = reason;
        CostUsd = costUsd;
        Status = IdentityModelStatus.Failed;
        CompletedAt = time.GetUtcNow();
    }

    /// <summary>Records the post-training validation's report (a later validation replaces it).</summary>
    public void SetValidation(IdentityValidation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (Status != IdentityModelStatus.Ready)
        {
            throw new RuleViolationException($"Only a ready identity model is validated; v{Version} at {Provider} is {Status.ToString().ToLowerInvariant()}.", DomainRules.IdentityNotReady);
        }

        Validation = validation;
    }

    /// <summary>Retires a ready or failed model; it stays for its history and lineage.</summary>
    public void Archive()
    {
        if (Status is not (IdentityModelStatus.Ready or IdentityModelStatus.Failed))
        {
            throw new RuleViolationException($"Only a ready or failed identity model can be archived; this one is {Status.ToString().ToLowerInvariant()}.");
        }

        Status = IdentityModelStatus.Archived;
    }

    private void Require(IdentityModelStatus from, IdentityModelStatus to)
    {
        if (Status != from)
        {
            throw new RuleViolationException(
                $"Identity model v{Version} at {Provider} is {Status.ToString().ToLowerInvariant()}; it cannot become {to.ToString().ToLowerInvariant()}.");
        }
    }

    private static IdentityModel New(
        Guid characterId, IdentityModelKind kind, string provider, int version, Guid? parentId, IReadOnlyList<Guid> referenceIds, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        DateTimeOffset now = time.GetUtcNow();
        return new IdentityModel
        {
            Id = Guid.CreateVersion7(now),
            CharacterId = characterId,
            Kind = kind,
            Provider = provider,
            Version = version,
            ParentId = parentId,
            ReferenceIds = [.. referenceIds],
            CreatedAt = now,
        };
    }
}
