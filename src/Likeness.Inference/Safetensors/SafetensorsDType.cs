namespace Likeness.Inference.Safetensors;

/// <summary>Element types of the safetensors format. Only the float ones can be read as <see cref="float"/>.</summary>
public enum SafetensorsDType
{
    /// <summary>IEEE single precision.</summary>
    F32,

    /// <summary>IEEE half precision.</summary>
    F16,

    /// <summary>bfloat16 (the top 16 bits of an F32).</summary>
    BF16,

    /// <summary>IEEE double precision.</summary>
    F64,

    /// <summary>64-bit signed integer (e.g. HF's <c>position_ids</c>).</summary>
    I64,

    /// <summary>32-bit signed integer.</summary>
    I32,

    /// <summary>16-bit signed integer.</summary>
    I16,

    /// <summary>8-bit signed integer.</summary>
    I8,

    /// <summary>8-bit unsigned integer.</summary>
    U8,

    /// <summary>Boolean, one byte.</summary>
    Bool,
}

/// <summary>Names and sizes of <see cref="SafetensorsDType"/>.</summary>
public static class SafetensorsDTypeExtensions
{
    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this SafetensorsDType dtype) => dtype switch
    {
        SafetensorsDType.F64 or SafetensorsDType.I64 => 8,
        SafetensorsDType.F32 or SafetensorsDType.I32 => 4,
        SafetensorsDType.F16 or SafetensorsDType.BF16 or SafetensorsDType.I16 => 2,
        _ => 1,
    };

    /// <summary>The name the header uses ("F32", "BF16", "BOOL", ...).</summary>
    public static string HeaderName(this SafetensorsDType dtype) =>
        dtype == SafetensorsDType.Bool ? "BOOL" : dtype.ToString();

    /// <summary>Parses a header dtype name; false for names this reader does not know.</summary>
    public static bool TryParse(string name, out SafetensorsDType dtype)
    {
        foreach (SafetensorsDType candidate in Enum.GetValues<SafetensorsDType>())
        {
            if (candidate.HeaderName() == name)
            {
                dtype = candidate;
                return true;
            }
        }

        dtype = default;
        return false;
    }
}
