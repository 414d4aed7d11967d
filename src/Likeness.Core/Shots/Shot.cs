using Likeness.Core.Gates;
using Likeness.Core.Routing;

namespace Likeness.Core.Shots;

/// <summary>One generation call for a character: the request, and when done the images, cost, latency and scores.</summary>
public sealed class Shot
{
    private Shot()
    {
        Provider = CacheKey = string.Empty;
        Request = new ShotRequest { Prompt = string.Empty };
        Assets = [];
        Scores = new ShotScores();
        Metadata = new Dictionary<string, string>();
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The character.</summary>
    public Guid CharacterId { get; private set; }

    /// <summary>The identity model used.</summary>
    public Guid IdentityModelId { get; private set; }

    /// <summary>Provider name.</summary>
    public string Provider { get; private set; }

    /// <summary>What was asked.</summary>
    public ShotRequest Request { get; private set; }

    /// <summary>Hash of the normalised request (see <see cref="ShotCacheKey"/>).</summary>
    public string CacheKey { get; private set; }

    /// <summary>Where it is.</summary>
    public ShotStatus Status { get; private set; }

    /// <summary>The provider's id for the call.</summary>
    public string? ProviderRequestId { get; private set; }

    /// <summary>SHA-256 of each image in the asset store.</summary>
    public List<string> Assets { get; private set; }

    /// <summary>Wall time of the provider call.</summary>
    public double? LatencyMs { get; private set; }

    /// <summary>What it cost.</summary>
    public decimal CostUsd { get; private set; }

    /// <summary>True for the offline simulator's output.</summary>
    public bool Simulated { get; private set; }

    /// <summary>What the provider said about the call (seed used, safety flags; the simulator's ground truth).</summary>
    public Dictionary<string, string> Metadata { get; private set; }

    /// <summary>Measured identity scores.</summary>
    public ShotScores Scores { get; private set; }

    /// <summary>A gate's verdict (kept or rejected, why, the calibration it used); null for a shot no gate judged.</summary>
    public ShotVerdict? Verdict { get; private set; }

    /// <summary>A person's judgement, beside the gate's <see cref="Verdict"/>; null until someone reviews it.</summary>
    public ShotReview? Review { get; private set; }

    /// <summary>
    /// Whether <see cref="Review"/> accepted the shot; null until reviewed. Kept beside the review in its own column so
    /// a list filters shots by their review in the query.
    /// </summary>
    public bool? ReviewAccepted { get; private set; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; private set; }

    /// <summary>What the character's route did for this shot (which entry made it, which were skipped and why); null without a route.</summary>
    public ShotRouting? Routing { get; private set; }

    /// <summary>When it was requested.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>A new pending shot.</summary>
    public static Shot Create(Guid characterId, Guid identityModelId, string provider, ShotRequest request, string cacheKey, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        DateTimeOffset now = time.GetUtcNow();
        return new Shot
        {
            Id = Guid.CreateVersion7(now),
            CharacterId = characterId,
            IdentityModelId = identityModelId,
            Provider = provider,
            Request = request,
            CacheKey = cacheKey,
            Status = ShotStatus.Pending,
            CreatedAt = now,
        };
    }

    /// <summary>Records the images and what the call cost.</summary>
    public void Succeed(
        IEnumerable<string> assets, string? providerRequestId, double latencyMs, decimal costUsd, bool simulated,
        IReadOnlyDictionary<string, string> metadata, TimeProvider time)
    {
        RequirePending();
        Assets = [.. assets];
        if (Assets.Count == 0)
        {
            throw new RuleViolationException("A successful shot has at least one image.");
        }

        ProviderRequestId = providerRequestId;
        LatencyMs = latencyMs;
        CostUsd = costUsd;
        Simulated = simulated;
        Metadata = new Dictionary<string, string>(metadata);
        Status = ShotStatus.Succeeded;
        CompletedAt = time.GetUtcNow();
    }

    /// <summary>
    /// Records images the provider's moderation filtered (<see cref="ShotStatus.Moderated"/>): paid and kept, but
    /// not the character, so they carry no identity scores.
    /// </summary>
    public void Moderate(
        IEnumerable<string> assets, string? providerRequestId, double latencyMs, decimal costUsd, bool simulated,
        IReadOnlyDictionary<string, string> metadata, TimeProvider time)
    {
        Succeed(assets, providerRequestId, latencyMs, costUsd, simulated, metadata, time);
        Status = ShotStatus.Moderated;
    }

    /// <summary>Records a failure.</summary>
    public void Fail(string error, double? latencyMs, TimeProvider time) => Fail(error, latencyMs, 0, time);

    /// <summary>
    /// Records a failure the provider billed all the same (<paramref name="chargedUsd"/>, e.g. a result that expired at
    /// the provider before it was collected): charged, and kept in the books with what succeeded.
    /// </summary>
    public void Fail(string error, double? latencyMs, decimal chargedUsd, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegative(chargedUsd);
        RequirePending();
        Error = error;
        LatencyMs = latencyMs;
        CostUsd = chargedUsd;
        Status = ShotStatus.Failed;
        CompletedAt = time.GetUtcNow();
    }

    /// <summary>Attaches identity scores (a shot can be re-scored when a better engine is installed); a moderated shot takes none.</summary>
    public void SetScores(ShotScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (Status == ShotStatus.Moderated)
        {
            throw new RuleViolationException($"Shot {Id} was filtered by the provider's moderation; it is not scored as the character.");
        }

        Scores = scores;
    }

    /// <summary>Records a gate's verdict; rejected shots are kept and marked, never deleted.</summary>
    public void SetVerdict(ShotVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (Status == ShotStatus.Pending)
        {
            throw new RuleViolationException($"Shot {Id} is still pending; there is nothing to judge yet.");
        }

        Verdict = verdict;
    }

    /// <summary>Records what the route did for this shot.</summary>
    public void SetRouting(ShotRouting routing)
    {
        ArgumentNullException.ThrowIfNull(routing);
        Routing = routing;
    }

    /// <summary>Records a person's judgement (a later one replaces it); the gate's verdict stays as it was.</summary>
    public void SetReview(ShotReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        if (Status is ShotStatus.Pending or ShotStatus.Failed)
        {
            throw new RuleViolationException($"Shot {Id} is {Status.ToString().ToLowerInvariant()}; only a made shot can be accepted or rejected.");
        }

        Review = review;
        ReviewAccepted = review.Accepted;
    }

    /// <summary>
    /// Lets go of the shot's files (data retention purging a rejected shot's images): the row, its scores, verdict and
    /// cost stay; returns the asset ids it held, for the caller to remove from the store once this is saved.
    /// </summary>
    public IReadOnlyList<string> ReleaseAssets()
    {
        List<string> released = Assets;
        Assets = [];
        return released;
    }

    private void RequirePending()
    {
        if (Status != ShotStatus.Pending)
        {
            throw new RuleViolationException($"Shot {Id} is already {Status.ToString().ToLowerInvariant()}.");
        }
    }
}
