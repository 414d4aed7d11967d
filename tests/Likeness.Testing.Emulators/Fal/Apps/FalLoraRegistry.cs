using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Likeness.Testing.Emulators.Fal.Apps;

/// <summary>
/// What each emulated LoRA "learned": the face images of its training set, keyed by the SHA-256 of the LoRA file, so
/// a copy of the file re-uploaded elsewhere still generates the same person.
/// </summary>
internal sealed class FalLoraRegistry
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<byte[]>> _trainingSets = new(StringComparer.Ordinal);

    public void Remember(byte[] loraFile, IReadOnlyList<byte[]> trainingImages) => _trainingSets[Key(loraFile)] = trainingImages;

    public IReadOnlyList<byte[]>? Recall(byte[] loraFile) => _trainingSets.GetValueOrDefault(Key(loraFile));

    private static string Key(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
