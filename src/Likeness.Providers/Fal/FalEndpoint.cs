namespace Likeness.Providers.Fal;

/// <summary>fal's endpoint-id rules: submit uses the full id, status/result/cancel only <c>owner/app</c>.</summary>
public static class FalEndpoint
{
    private static readonly string[] Namespaces = ["workflows", "comfy"];

    /// <summary>
    /// The <c>owner/app</c> part of an endpoint id (<c>fal-ai/kling-video</c> for
    /// <c>fal-ai/kling-video/o1/reference-to-video</c>); namespaced ids (<c>workflows/…</c>, <c>comfy/…</c>) keep three segments.
    /// </summary>
    public static string AppIdOf(string endpointId)
    {
        string[] parts = Validate(endpointId).Split('/');
        int keep = Namespaces.Contains(parts[0], StringComparer.Ordinal) ? 3 : 2;
        return string.Join('/', parts.Take(Math.Min(keep, parts.Length)));
    }

    /// <summary>Checks an endpoint id's shape (<c>owner/app[/path]</c>) and returns it.</summary>
    public static string Validate(string endpointId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointId);
        string[] parts = endpointId.Split('/');
        if (parts.Length < 2 || parts.Any(p => p.Length == 0 || p.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
        {
            throw new ArgumentException($"'{endpointId}' is not a fal endpoint id (owner/app[/path]).", nameof(endpointId));
        }

        return endpointId;
    }
}
