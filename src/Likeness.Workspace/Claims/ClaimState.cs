namespace Likeness.Workspace.Claims;

/// <summary>Where a paid call stands, as its claim records it.</summary>
public enum ClaimState
{
    /// <summary>
    /// Claimed; nothing sent to the provider yet (no money reserved either, or reserved while the request is prepared:
    /// uploads to the provider's storage). A takeover refunds it and makes the call afresh.
    /// </summary>
    Working,

    /// <summary>
    /// The request was sent: marked right before it went on the wire (the sending signal), so its outcome is unknown
    /// until a job id or an answer is recorded, and it is never sent again.
    /// </summary>
    Submitted,

    /// <summary>The provider answered; its output is held in the claim until it is stored and charged.</summary>
    Answered,

    /// <summary>Stored and charged; the subject is the result every identical request reuses.</summary>
    Done,

    /// <summary>Failed and refunded; the next identical request may claim it again.</summary>
    Failed,
}

/// <summary>What a claim pays for.</summary>
public enum ClaimKind
{
    /// <summary>A shot (keyed by its cache key).</summary>
    Shot,

    /// <summary>An identity model (character, provider, version and parameters).</summary>
    Identity,

    /// <summary>A video (pin, provider, prompt, length, aspect ratio).</summary>
    Video,
}
