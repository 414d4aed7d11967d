using System.Text.Json;
using System.Text.Json.Nodes;

namespace Likeness.Testing.Emulators.Leonardo;

/// <summary>One emulated generation: the request as sent, when it completes, and (once rendered) its images.</summary>
internal sealed class LeonardoGeneration(string id, JsonElement input, DateTimeOffset createdAt, DateTimeOffset completesAt, bool fails, int pendingReads = 0)
{
    private readonly Lock _gate = new();
    private JsonArray? _images;
    private int _pendingReads = pendingReads;

    public string Id { get; } = id;

    public JsonElement Input { get; } = input;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset CompletesAt { get; } = completesAt;

    public bool Fails { get; } = fails;

    public bool Deleted { get; set; }

    /// <summary>Set once by the callback dispatcher.</summary>
    public bool CallbackDispatched { get; set; }

    /// <summary>PENDING until <see cref="CompletesAt"/> and until its status reads that must answer PENDING are taken.</summary>
    public string StatusAt(DateTimeOffset now) => now < CompletesAt || Volatile.Read(ref _pendingReads) > 0 ? "PENDING" : Fails ? "FAILED" : "COMPLETE";

    /// <summary>Counts one status read (<see cref="LeonardoEmulatorOptions.PendingReads"/>): true when it must answer PENDING.</summary>
    public bool TakePendingRead() => Interlocked.Decrement(ref _pendingReads) >= 0;

    /// <summary>The images, rendered on first need and the same thereafter.</summary>
    public JsonArray Images(Func<JsonArray> render)
    {
        lock (_gate)
        {
            _images ??= render();
            return (JsonArray)_images.DeepClone();
        }
    }

    public int Int(string name, int fallback) =>
        Input.TryGetProperty(name, out JsonElement value) && value.TryGetInt32(out int n) ? n : fallback;

    public long? Seed => Input.TryGetProperty("seed", out JsonElement value) && value.TryGetInt64(out long n) ? n : null;
}
