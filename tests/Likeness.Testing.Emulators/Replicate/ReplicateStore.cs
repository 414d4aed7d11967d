using System.Collections.Concurrent;
using Likeness.Imaging;

namespace Likeness.Testing.Emulators.Replicate;

/// <summary>What the emulated account holds: uploaded files, output files, models with their versions, and jobs.</summary>
internal sealed class ReplicateStore
{
    /// <summary>An uploaded file.</summary>
    public sealed record StoredFile(string Id, byte[] Bytes, string ContentType, string Name, DateTimeOffset CreatedAt);

    /// <summary>An output file on the delivery host, removed with its job's data.</summary>
    public sealed record Media(byte[] Bytes, string ContentType, ReplicateJob Job);

    /// <summary>A model and its versions, newest last; a version of a trained destination remembers the photos it learnt.</summary>
    public sealed class Model(string owner, string name, string visibility, string hardware)
    {
        public string Owner { get; } = owner;

        public string Name { get; } = name;

        public string Visibility { get; } = visibility;

        public string Hardware { get; } = hardware;

        public List<string> Versions { get; } = [];
    }

    public ConcurrentDictionary<string, StoredFile> Files { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, Media> Delivery { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, Model> Models { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Version id → the model it belongs to and the photos its LoRA learnt (none for base models).</summary>
    public ConcurrentDictionary<string, (Model Model, IReadOnlyList<Image> Sources)> Versions { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<ReplicateJob> Jobs { get; } = new();

    public Model AddModel(string owner, string name, string visibility = "public", string hardware = "gpu-h100") =>
        Models.GetOrAdd($"{owner}/{name}", _ => new Model(owner, name, visibility, hardware));

    public string AddVersion(Model model, IReadOnlyList<Image> sources)
    {
        string id = NewVersionId();
        Versions[id] = (model, sources);
        lock (model.Versions)
        {
            model.Versions.Add(id);
        }

        return id;
    }

    public static string NewVersionId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>Replicate-style ids: 26 lower-case base32 characters.</summary>
    public static string NewId()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        return string.Create(26, 0, (span, _) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }
}
