using Likeness.Core.Identity;

namespace Likeness.Workspace.Identity.Retraining;

/// <summary>One training of a retrain and its validation.</summary>
/// <param name="Change">The ladder's change ("more steps"...).</param>
/// <param name="Model">The version it made (with its validation report when it trained).</param>
/// <param name="SpentUsd">What this retrain paid for it: its training (0 when another request had already made it) and its validation shots.</param>
/// <param name="Reused">True when the same attempt from the same version had been made before (by another retrain, at once or earlier).</param>
public sealed record RetrainAttempt(string Change, IdentityModel Model, decimal SpentUsd, bool Reused);
