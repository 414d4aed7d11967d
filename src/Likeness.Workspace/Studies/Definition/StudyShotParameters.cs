using System.Globalization;
using Likeness.Core.Shots;

namespace Likeness.Workspace.Studies.Definition;

/// <summary>The generation settings a study file may set per provider, and how they go into a shot request.</summary>
public static class StudyShotParameters
{
    /// <summary>The settings' names.</summary>
    public static string[] Names => ["steps", "guidance", "negative_prompt"];

    /// <summary>Applies <paramref name="parameters"/> to <paramref name="request"/>.</summary>
    public static ShotRequest Apply(ShotRequest request, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parameters);
        return request with
        {
            Steps = parameters.TryGetValue("steps", out string? steps) ? int.Parse(steps, CultureInfo.InvariantCulture) : request.Steps,
            Guidance = parameters.TryGetValue("guidance", out string? guidance) ? double.Parse(guidance, CultureInfo.InvariantCulture) : request.Guidance,
            NegativePrompt = parameters.TryGetValue("negative_prompt", out string? negative) ? string.Join(", ", new[] { request.NegativePrompt, negative }.Where(n => n.Length > 0)) : request.NegativePrompt,
        };
    }
}
