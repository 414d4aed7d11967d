namespace Likeness.Core.Pins;

/// <summary>
/// A character pinned for video: one frontal image plus one to three more references, the shape video
/// providers' "elements" take (Kling O1: frontal_image_url plus 1 to 3 reference_image_urls).
/// </summary>
public sealed class Pin
{
    /// <summary>Most extra references an element takes.</summary>
    public const int MaxReferences = 3;

    private Pin()
    {
        ReferenceIds = [];
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The character.</summary>
    public Guid CharacterId { get; private set; }

    /// <summary>The frontal reference.</summary>
    public Guid FrontalReferenceId { get; private set; }

    /// <summary>The other references (1 to 3).</summary>
    public List<Guid> ReferenceIds { get; private set; }

    /// <summary>When it was pinned.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Pins a frontal image and its references.</summary>
    public static Pin Create(Guid characterId, Guid frontalReferenceId, IReadOnlyList<Guid> referenceIds, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(referenceIds);
        if (referenceIds.Count is < 1 or > MaxReferences)
        {
            throw new RuleViolationException($"A pin needs 1 to {MaxReferences} references besides the frontal image (got {referenceIds.Count}).");
        }

        if (referenceIds.Contains(frontalReferenceId) || referenceIds.Distinct().Count() != referenceIds.Count)
        {
            throw new RuleViolationException("A pin's references must be distinct and differ from its frontal image.");
        }

        DateTimeOffset now = time.GetUtcNow();
        return new Pin { Id = Guid.CreateVersion7(now), CharacterId = characterId, FrontalReferenceId = frontalReferenceId, ReferenceIds = [.. referenceIds], CreatedAt = now };
    }
}
