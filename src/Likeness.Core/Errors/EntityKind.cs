namespace Likeness.Core;

/// <summary>What a <see cref="NotFoundException"/> or <see cref="ConflictException"/> is about.</summary>
public enum EntityKind
{
    /// <summary>A character.</summary>
    Character,

    /// <summary>A character's reference photo.</summary>
    Reference,

    /// <summary>An identity model.</summary>
    Identity,

    /// <summary>A shot.</summary>
    Shot,

    /// <summary>A pin.</summary>
    Pin,

    /// <summary>A video.</summary>
    Video,

    /// <summary>A provider.</summary>
    Provider,

    /// <summary>A scenario.</summary>
    Scenario,

    /// <summary>A trigger token.</summary>
    TriggerToken,

    /// <summary>A file or folder.</summary>
    File,

    /// <summary>A project.</summary>
    Project,

    /// <summary>A user of the server.</summary>
    User,

    /// <summary>A project's member.</summary>
    Member,

    /// <summary>A personal API token.</summary>
    Token,

    /// <summary>A gated request's cost cap.</summary>
    CostCap,

    /// <summary>A background job.</summary>
    Job,

    /// <summary>A character's route (its ordered identities and policy).</summary>
    Route,

    /// <summary>A study run by the server.</summary>
    Study,

    /// <summary>A blind rating session, one of its pairs, or a guest's invite to it.</summary>
    Rating,
}
