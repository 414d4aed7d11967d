namespace Likeness.Testing.Emulators.Fal.Queue;

/// <summary>Where a queued request is on the emulator's clock.</summary>
internal enum FalPhase
{
    /// <summary>Waiting for a runner slot, or for its queue delay to pass.</summary>
    InQueue,

    /// <summary>Running.</summary>
    InProgress,

    /// <summary>Finished: output, app error, or cancelled.</summary>
    Completed,
}
