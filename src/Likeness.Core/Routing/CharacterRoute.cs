namespace Likeness.Core.Routing;

/// <summary>
/// A character's route: the ordered identities its shots are made with when no provider is named, and the policy
/// that chooses among them. One per character; setting it again replaces the entries and the policy.
/// </summary>
public sealed class CharacterRoute
{
    /// <summary>Most entries a route may have.</summary>
    public const int MaxEntries = 8;

    private CharacterRoute()
    {
        Entries = [];
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The character.</summary>
    public Guid CharacterId { get; private set; }

    /// <summary>The policy.</summary>
    public RoutePolicy Policy { get; private set; }

    /// <summary>The entries, first choice first.</summary>
    public List<RouteEntry> Entries { get; private set; }

    /// <summary>With <see cref="RoutePolicy.Auto"/>: start the training the decision asks for, rather than only propose it.</summary>
    public bool AllowTrain { get; private set; }

    /// <summary>The auto policy's last decision, in words (a proposal to train, or why not yet); null before any.</summary>
    public string? Proposal { get; private set; }

    /// <summary>When the route was set.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>A new route for <paramref name="characterId"/>.</summary>
    public static CharacterRoute Create(Guid characterId, RoutePolicy policy, IReadOnlyList<RouteEntry> entries, bool allowTrain, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        DateTimeOffset now = time.GetUtcNow();
        var route = new CharacterRoute { Id = Guid.CreateVersion7(now), CharacterId = characterId, CreatedAt = now };
        route.Set(policy, entries, allowTrain, time);
        return route;
    }

    /// <summary>Replaces the policy and the entries (a new route forgets the old proposal).</summary>
    public void Set(RoutePolicy policy, IReadOnlyList<RouteEntry> entries, bool allowTrain, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(time);
        Validate(policy, entries, allowTrain);
        Policy = policy;
        Entries = [.. entries];
        AllowTrain = allowTrain;
        Proposal = null;
        UpdatedAt = time.GetUtcNow();
    }

    /// <summary>Records the auto policy's latest decision.</summary>
    public void Propose(string proposal, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(proposal);
        ArgumentNullException.ThrowIfNull(time);
        Proposal = proposal;
        UpdatedAt = time.GetUtcNow();
    }

    private static void Validate(RoutePolicy policy, IReadOnlyList<RouteEntry> entries, bool allowTrain)
    {
        if (!Enum.IsDefined(policy))
        {
            throw new InvalidInputException($"Unknown route policy {policy}.", "policy");
        }

        if (entries.Count is 0 or > MaxEntries)
        {
            throw new InvalidInputException($"A route has 1 to {MaxEntries} entries (got {entries.Count}).", "via");
        }

        if (entries.Any(e => string.IsNullOrWhiteSpace(e.Provider)))
        {
            throw new InvalidInputException("Each route entry names a provider.", "via");
        }

        if (entries.Distinct().Count() != entries.Count)
        {
            throw new InvalidInputException("Each route entry is named once.", "via");
        }

        if (policy == RoutePolicy.Fallback && entries.Count < 2)
        {
            throw new InvalidInputException("A fallback route needs at least two entries: the first choice and what serves when it is out.", "via");
        }

        if (allowTrain && policy != RoutePolicy.Auto)
        {
            throw new InvalidInputException("Only an auto route starts trainings (--allow-train goes with --policy auto).", "allow-train");
        }
    }
}
