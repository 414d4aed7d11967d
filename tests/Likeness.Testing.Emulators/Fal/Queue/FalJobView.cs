namespace Likeness.Testing.Emulators.Fal.Queue;

/// <summary>A job's phase and queue position at one moment.</summary>
internal readonly record struct FalJobView(FalPhase Phase, int QueuePosition, DateTimeOffset Now);
