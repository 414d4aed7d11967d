using System.Security.Cryptography;
using System.Text.Json;

namespace Likeness.Inference.Tfjs;

/// <summary>
/// Reads a TensorFlow.js weights manifest (<c>*-weights_manifest.json</c>) and its shard files: groups of weights laid
/// back to back without padding, each float32 or quantised (uint8/uint16 <c>q·scale + min</c> in double, stored as
/// float32). Files can be pinned by SHA-256 so a swapped or damaged model is refused before it is used.
/// </summary>
public sealed class TfjsWeights
{
    private readonly Dictionary<string, (float[] Values, int[] Shape)> _tensors;

    private TfjsWeights(Dictionary<string, (float[] Values, int[] Shape)> tensors) => _tensors = tensors;

    /// <summary>Names of all tensors, in manifest order.</summary>
    public IReadOnlyCollection<string> Names => _tensors.Keys;

    /// <summary>
    /// Loads <paramref name="manifestPath"/> and the shards it names (relative to its folder). When
    /// <paramref name="expectedSha256"/> is given (file name → lowercase hex), every file read must match.
    /// </summary>
    /// <exception cref="InvalidDataException">A hash differs, or the manifest and shards disagree.</exception>
    public static TfjsWeights Load(string manifestPath, IReadOnlyDictionary<string, string>? expectedSha256 = null)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        byte[] manifestBytes = ReadVerified(manifestPath, expectedSha256);
        using JsonDocument manifest = JsonDocument.Parse(manifestBytes);
        var tensors = new Dictionary<string, (float[], int[])>(StringComparer.Ordinal);
        foreach (JsonElement group in manifest.RootElement.EnumerateArray())
        {
            using var shard = new MemoryStream();
            foreach (JsonElement path in group.GetProperty("paths").EnumerateArray())
            {
                shard.Write(ReadVerified(Path.Combine(folder, path.GetString()!), expectedSha256));
            }

            ReadOnlySpan<byte> bytes = shard.GetBuffer().AsSpan(0, (int)shard.Length);
            int offset = 0;
            foreach (JsonElement weight in group.GetProperty("weights").EnumerateArray())
            {
                string name = weight.GetProperty("name").GetString()!;
                int[] shape = weight.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
                int count = shape.Aggregate(1, (a, b) => checked(a * b));
                float[] values = new float[count];
                offset += Decode(weight, bytes[offset..], values, name);
                tensors[name] = (values, shape);
            }

            if (offset != bytes.Length)
            {
                throw new InvalidDataException($"{manifestPath}: weights use {offset} bytes but the shards hold {bytes.Length}.");
            }
        }

        return new TfjsWeights(tensors);
    }

    /// <summary>The values of tensor <paramref name="name"/>, checking its shape.</summary>
    /// <exception cref="InvalidDataException">The tensor is missing or has another shape.</exception>
    public float[] Get(string name, params int[] shape)
    {
        if (!_tensors.TryGetValue(name, out var tensor))
        {
            throw new InvalidDataException($"Weight '{name}' is missing from the model.");
        }

        if (!tensor.Shape.AsSpan().SequenceEqual(shape))
        {
            throw new InvalidDataException(
                $"Weight '{name}' has shape [{string.Join(',', tensor.Shape)}], expected [{string.Join(',', shape)}].");
        }

        return tensor.Values;
    }

    private static int Decode(JsonElement weight, ReadOnlySpan<byte> bytes, float[] values, string name)
    {
        string dtype = weight.GetProperty("dtype").GetString()!;
        bool isInt = dtype == "int32";
        if (!isInt && dtype != "float32")
        {
            throw new InvalidDataException($"Weight '{name}' has unsupported dtype {dtype}.");
        }

        if (weight.TryGetProperty("quantization", out JsonElement q))
        {
            string qtype = q.GetProperty("dtype").GetString()!;
            double scale = q.GetProperty("scale").GetDouble();
            double min = q.GetProperty("min").GetDouble();
            int width = qtype switch
            {
                "uint8" => 1,
                "uint16" => 2,
                _ => throw new InvalidDataException($"Weight '{name}' uses unsupported quantisation {qtype}."),
            };
            EnsureLength(bytes, values.Length * width, name);
            for (int i = 0; i < values.Length; i++)
            {
                int raw = width == 1 ? bytes[i] : BitConverter.ToUInt16(bytes.Slice(i * 2, 2));
                double value = (raw * scale) + min;
                values[i] = (float)(isInt ? Math.Floor(value + 0.5) : value); // JS Math.round: halves go up
            }

            return values.Length * width;
        }

        EnsureLength(bytes, values.Length * 4, name);
        for (int i = 0; i < values.Length; i++)
        {
            ReadOnlySpan<byte> word = bytes.Slice(i * 4, 4);
            values[i] = isInt ? BitConverter.ToInt32(word) : BitConverter.ToSingle(word);
        }

        return values.Length * 4;
    }

    private static void EnsureLength(ReadOnlySpan<byte> bytes, int needed, string name)
    {
        if (bytes.Length < needed)
        {
            throw new InvalidDataException($"Weight '{name}' runs past the end of the weight files.");
        }
    }

    private static byte[] ReadVerified(string path, IReadOnlyDictionary<string, string>? expectedSha256)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (expectedSha256 is not null)
        {
            string fileName = Path.GetFileName(path);
            if (!expectedSha256.TryGetValue(fileName, out string? expected))
            {
                throw new InvalidDataException($"{fileName} is not a pinned model file.");
            }

            string actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!string.Equals(actual, expected, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{path}: SHA-256 {actual} differs from the pinned {expected}.");
            }
        }

        return bytes;
    }
}
