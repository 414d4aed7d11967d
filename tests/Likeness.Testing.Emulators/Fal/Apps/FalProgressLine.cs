namespace Likeness.Testing.Emulators.Fal.Apps;

/// <summary>A log line an app prints once <paramref name="At"/> (0..1) of its run has passed.</summary>
internal sealed record FalProgressLine(double At, string Message);
