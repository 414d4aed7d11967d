namespace Likeness.Testing.Emulators.Leonardo;

/// <summary>One callback delivery attempt: the generation, the attempt number and the receiver's status (null when unreachable).</summary>
public sealed record LeonardoCallbackDelivery(string GenerationId, int Attempt, int? Status);

/// <summary>An accepted generation as the emulator holds it: id, the request body as sent, and its status now.</summary>
public sealed record LeonardoEmulatedGeneration(string Id, System.Text.Json.JsonElement Input, string Status);
