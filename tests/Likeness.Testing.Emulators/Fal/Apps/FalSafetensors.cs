using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Likeness.Testing.Emulators.Fal.Apps;

/// <summary>
/// Writes a real safetensors file (8-byte little-endian header length, JSON header, tensor bytes) shaped like a small
/// FLUX LoRA: rank-16 F16 A/B matrices for a few attention projections, filled with seeded noise.
/// </summary>
internal static class FalSafetensors
{
    private const int Rank = 16;
    private const int Width = 3072;
    private static readonly string[] Layers = ["to_q", "to_k"];

    public static byte[] Lora(IReadOnlyDictionary<string, string> metadata, int seed)
    {
        var header = new JsonObject { ["__metadata__"] = new JsonObject(metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))) };
        long offset = 0;
        foreach (string layer in Layers)
        {
            foreach ((string name, int rows, int cols) in new[] { ("lora_A", Rank, Width), ("lora_B", Width, Rank) })
            {
                long size = (long)rows * cols * 2;
                header[$"transformer.single_transformer_blocks.0.attn.{layer}.{name}.weight"] = new JsonObject
                {
                    ["dtype"] = "F16",
                    ["shape"] = new JsonArray(rows, cols),
                    ["data_offsets"] = new JsonArray(offset, offset + size),
                };
                offset += size;
            }
        }

        byte[] json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (json.Length + 7) / 8 * 8;
        var file = new byte[8 + padded + offset];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        json.CopyTo(file, 8);
        file.AsSpan(8 + json.Length, padded - json.Length).Fill((byte)' ');
        var random = new Random(seed);
        for (int i = 8 + padded; i < file.Length; i += 2)
        {
            // Small F16 values (|x| < 0.03): sign, exponent 0x0A..0x0B, random mantissa.
            ushort half = (ushort)((random.Next(2) << 15) | ((0x0A + random.Next(2)) << 10) | random.Next(1024));
            BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(i), half);
        }

        return file;
    }
}
