using System.Diagnostics.CodeAnalysis;

namespace Likeness.Providers.Fal.Storage;

/// <summary><c>data:</c> URIs: how small files travel inline, and how sync-mode media come back.</summary>
public static class DataUri
{
    /// <summary><c>data:{contentType};base64,{bytes}</c>.</summary>
    public static string Encode(ReadOnlySpan<byte> data, string contentType) => $"data:{contentType};base64,{Convert.ToBase64String(data)}";

    /// <summary>Decodes a base64 <c>data:</c> URI; false when <paramref name="text"/> is not one.</summary>
    public static bool TryDecode(string text, [NotNullWhen(true)] out byte[]? data, out string? contentType)
    {
        (data, contentType) = (null, null);
        if (text is null || !text.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        int comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return false;
        }

        string header = text[5..comma];
        if (!header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            data = System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(text[(comma + 1)..]));
            contentType = header.Length == 0 ? "text/plain" : header;
            return true;
        }

        contentType = header[..^";base64".Length];
        try
        {
            data = Convert.FromBase64String(text[(comma + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            data = null;
            return false;
        }
    }
}
