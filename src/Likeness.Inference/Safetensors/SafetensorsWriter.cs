using System.Buffers;
using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Likeness.Inference.Safetensors;

/// <summary>
/// Writes float tensors as safetensors the way the reference writer does: keys sorted, header padded with spaces
/// to a multiple of 8 bytes, data back to back in key order. Each tensor's values are produced on demand, so a
/// large model never has to sit in memory whole.
/// </summary>
public static class SafetensorsWriter
{
    /// <summary>One tensor to write: its values are produced by <paramref name="Fill"/> as F32 and stored as <paramref name="DType"/>.</summary>
    /// <param name="Name">Tensor name.</param>
    /// <param name="DType">Stored type: F32, F16 or BF16 (BF16 rounds to nearest even).</param>
    /// <param name="Shape">Dimensions; empty for a scalar.</param>
    /// <param name="Fill">Writes the tensor's values, row-major, into the span it is given.</param>
    public sealed record Entry(string Name, SafetensorsDType DType, IReadOnlyList<long> Shape, Action<Span<float>> Fill)
    {
        internal long ElementCount => Shape.Aggregate(1L, (count, dim) => count * dim);
    }

    /// <summary>Writes the tensors to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<Entry> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        Write(stream, tensors, metadata);
    }

    /// <summary>Writes the tensors to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IEnumerable<Entry> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Entry[] sorted = [.. tensors.OrderBy(t => t.Name, StringComparer.Ordinal)];
        byte[] header = BuildHeader(sorted, metadata);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (Entry entry in sorted)
        {
            WriteData(stream, entry);
        }
    }

    private static byte[] BuildHeader(Entry[] sorted, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is not null)
            {
                json.WriteStartObject("__metadata__");
                foreach (KeyValuePair<string, string> item in metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    json.WriteString(item.Key, item.Value);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach (Entry entry in sorted)
            {
                if (entry.DType is not (SafetensorsDType.F32 or SafetensorsDType.F16 or SafetensorsDType.BF16))
                {
                    throw new ArgumentException($"Tensor '{entry.Name}': only F32, F16 and BF16 can be written.", nameof(sorted));
                }

                long bytes = entry.ElementCount * entry.DType.ElementSize();
                json.WriteStartObject(entry.Name);
                json.WriteString("dtype", entry.DType.HeaderName());
                json.WriteStartArray("shape");
                foreach (long dim in entry.Shape)
                {
                    json.WriteNumberValue(dim);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }

            json.WriteEndObject();
        }

        int padded = (int)((buffer.Length + 7) / 8 * 8);
        byte[] header = new byte[padded];
        buffer.ToArray().CopyTo(header, 0);
        header.AsSpan((int)buffer.Length).Fill((byte)' ');
        return header;
    }

    private static void WriteData(Stream stream, Entry entry)
    {
        int count = checked((int)entry.ElementCount);
        float[] values = ArrayPool<float>.Shared.Rent(count);
        try
        {
            Span<float> span = values.AsSpan(0, count);
            entry.Fill(span);
            switch (entry.DType)
            {
                case SafetensorsDType.F32:
                    stream.Write(MemoryMarshal.AsBytes(span));
                    break;
                case SafetensorsDType.F16:
                    WriteConverted<Half>(stream, span, static (s, d) => TensorPrimitives.ConvertToHalf(s, d));
                    break;
                default:
                    WriteConverted<ushort>(stream, span, NarrowToBFloat16);
                    break;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(values);
        }
    }

    private static void WriteConverted<T>(Stream stream, ReadOnlySpan<float> values, SpanConverter<T> convert)
        where T : unmanaged
    {
        T[] narrow = ArrayPool<T>.Shared.Rent(values.Length);
        try
        {
            convert(values, narrow.AsSpan(0, values.Length));
            stream.Write(MemoryMarshal.AsBytes(narrow.AsSpan(0, values.Length)));
        }
        finally
        {
            ArrayPool<T>.Shared.Return(narrow);
        }
    }

    /// <summary>F32 to BF16 with round-to-nearest-even (NaN stays NaN), as torch's conversion does.</summary>
    private static void NarrowToBFloat16(ReadOnlySpan<float> source, Span<ushort> destination)
    {
        ReadOnlySpan<uint> bits = MemoryMarshal.Cast<float, uint>(source);
        for (int i = 0; i < bits.Length; i++)
        {
            uint value = bits[i];
            destination[i] = float.IsNaN(source[i])
                ? (ushort)((value >> 16) | 0x40)
                : (ushort)((value + 0x7FFF + ((value >> 16) & 1)) >> 16);
        }
    }

    private delegate void SpanConverter<T>(ReadOnlySpan<float> source, Span<T> destination);
}
