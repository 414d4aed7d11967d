using System.Text.Json;

namespace Likeness.Inference.Safetensors;

/// <summary>Parses and validates a safetensors JSON header against the size of the data section.</summary>
internal static class SafetensorsHeader
{
    /// <summary>Headers larger than this are refused before they are read (the reference reader uses 100 MB).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    public static (Dictionary<string, SafetensorsTensorInfo> Tensors, Dictionary<string, string> Metadata) Parse(
        ReadOnlySpan<byte> json, long dataLength, string fileName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException ex)
        {
            throw new InvalidModelException($"{fileName}: the safetensors header is not valid JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidModelException($"{fileName}: the safetensors header is not a JSON object.");
            }

            var tensors = new Dictionary<string, SafetensorsTensorInfo>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (JsonProperty entry in document.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    ReadMetadata(entry.Value, metadata, fileName);
                    continue;
                }

                tensors.Add(entry.Name, ReadTensor(entry.Name, entry.Value, dataLength, fileName));
            }

            CheckLayout(tensors.Values, dataLength, fileName);
            return (tensors, metadata);
        }
    }

    private static void ReadMetadata(JsonElement element, Dictionary<string, string> metadata, string fileName)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidModelException($"{fileName}: __metadata__ must be an object of strings.");
        }

        foreach (JsonProperty item in element.EnumerateObject())
        {
            metadata[item.Name] = item.Value.ValueKind == JsonValueKind.String
                ? item.Value.GetString()!
                : throw new InvalidModelException($"{fileName}: __metadata__ value '{item.Name}' is not a string.");
        }
    }

    private static SafetensorsTensorInfo ReadTensor(string name, JsonElement element, long dataLength, string fileName)
    {
        string where = $"{fileName}: tensor '{name}'";
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("dtype", out JsonElement dtypeElement)
            || !element.TryGetProperty("shape", out JsonElement shapeElement)
            || !element.TryGetProperty("data_offsets", out JsonElement offsetsElement)
            || dtypeElement.ValueKind != JsonValueKind.String
            || shapeElement.ValueKind != JsonValueKind.Array
            || offsetsElement.ValueKind != JsonValueKind.Array
            || offsetsElement.GetArrayLength() != 2)
        {
            throw new InvalidModelException($"{where} needs \"dtype\", \"shape\" and two \"data_offsets\".", name);
        }

        string dtypeName = dtypeElement.GetString()!;
        if (!SafetensorsDTypeExtensions.TryParse(dtypeName, out SafetensorsDType dtype))
        {
            throw new InvalidModelException($"{where} has unsupported dtype '{dtypeName}'.", name);
        }

        var shape = new List<long>(shapeElement.GetArrayLength());
        long count = 1;
        foreach (JsonElement dim in shapeElement.EnumerateArray())
        {
            if (!dim.TryGetInt64(out long value) || value < 0 || (value > 0 && count > long.MaxValue / value))
            {
                throw new InvalidModelException($"{where} has an invalid shape dimension {dim}.", name);
            }

            shape.Add(value);
            count *= value;
        }

        if (!offsetsElement[0].TryGetInt64(out long begin) || !offsetsElement[1].TryGetInt64(out long end)
            || begin < 0 || end < begin)
        {
            throw new InvalidModelException($"{where} has invalid data_offsets {offsetsElement}.", name);
        }

        if (end > dataLength)
        {
            throw new InvalidModelException(
                $"{where} ends at data byte {end}, but the file holds only {dataLength} data bytes (truncated?).", name);
        }

        var info = new SafetensorsTensorInfo(name, dtype, shape, begin, end);
        if (count > long.MaxValue / dtype.ElementSize() || info.ByteLength != count * dtype.ElementSize())
        {
            throw new InvalidModelException(
                $"{where}: shape {info.ShapeText} x {dtype.HeaderName()} needs {count * dtype.ElementSize()} bytes, but its offsets span {info.ByteLength}.",
                name);
        }

        return info;
    }

    /// <summary>Tensors must not overlap and must cover the data section without gaps, as the reference writer lays them out.</summary>
    private static void CheckLayout(IEnumerable<SafetensorsTensorInfo> tensors, long dataLength, string fileName)
    {
        long expectedBegin = 0;
        SafetensorsTensorInfo? previous = null;
        foreach (SafetensorsTensorInfo tensor in tensors.OrderBy(t => t.Begin).ThenBy(t => t.End))
        {
            if (tensor.Begin < expectedBegin)
            {
                throw new InvalidModelException(
                    $"{fileName}: tensor '{tensor.Name}' (bytes {tensor.Begin}-{tensor.End}) overlaps '{previous!.Name}' (bytes {previous.Begin}-{previous.End}).",
                    tensor.Name);
            }

            if (tensor.Begin > expectedBegin)
            {
                throw new InvalidModelException(
                    $"{fileName}: {tensor.Begin - expectedBegin} unused bytes before tensor '{tensor.Name}' (mismatched offsets?).",
                    tensor.Name);
            }

            expectedBegin = tensor.End;
            previous = tensor;
        }

        if (expectedBegin != dataLength)
        {
            throw new InvalidModelException(
                $"{fileName}: the tensors cover {expectedBegin} data bytes but the file has {dataLength} (trailing bytes or mismatched header).");
        }
    }
}
