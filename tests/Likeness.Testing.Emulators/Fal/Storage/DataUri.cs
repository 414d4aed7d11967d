namespace Likeness.Testing.Emulators.Fal.Storage;

/// <summary><c>data:[type][;base64],payload</c> URIs, which fal accepts in place of file URLs and returns in sync mode.</summary>
internal static class DataUri
{
    public static string Encode(byte[] bytes, string contentType) => $"data:{contentType};base64,{Convert.ToBase64String(bytes)}";

    public static byte[]? TryDecode(string uri)
    {
        int comma = uri.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return null;
        }

        string meta = uri[5..comma], payload = uri[(comma + 1)..];
        if (!meta.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            return System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(payload));
        }

        try
        {
            return Convert.FromBase64String(payload);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
