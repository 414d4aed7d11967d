using System.Globalization;
using Likeness.Core.Shots;

namespace Likeness.Workspace.Studies.Definition;

/// <summary>The generation settings a study file may set (or sweep) per provider, and how they go into a shot request.</summary>
public static class StudyShotParameters
{
    /// <summary>
    /// Provider parameters with their ranges: Stability's image-to-image <c>strength</c>, structure
    /// <c>control_strength</c> and style <c>fidelity</c> (0..1), a LoRA or Instant Character <c>scale</c> (0..2). They travel
    /// in <see cref="ShotRequest.ProviderParameters"/>; a provider that does not take one ignores it.
    /// </summary>
    public static IReadOnlyDictionary<string, (double Min, double Max)> ProviderNames { get; } = new Dictionary<string, (double Min, double Max)>(StringComparer.Ordinal)
    {
        ["strength"] = (0, 1),
        ["control_strength"] = (0, 1),
        ["fidelity"] = (0, 1),
        ["scale"] = (0, 2),
        ["weight"] = (0, 2),
    };

    /// <summary>The settings' names.</summary>
    public static string[] Names => ["steps", "guidance", "negative_prompt", .. ProviderNames.Keys];

    /// <summary>Applies <paramref name="parameters"/> to <paramref name="request"/>.</summary>
    public static ShotRequest Apply(ShotRequest request, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parameters);
        var provider = new Dictionary<string, string>(request.ProviderParameters, StringComparer.Ordinal);
        foreach ((string name, string value) in parameters.Where(p => ProviderNames.ContainsKey(p.Key)))
        {
            provider[name] = value;
        }

        return request with
        {
            Steps = parameters.TryGetValue("steps", out string? steps) ? int.Parse(steps, CultureInfo.InvariantCulture) : request.Steps,
            Guidance = parameters.TryGetValue("guidance", out string? guidance) ? double.Parse(guidance, CultureInfo.InvariantCulture) : request.Guidance,
            NegativePrompt = parameters.TryGetValue("negative_prompt", out string? negative) ? string.Join(", ", new[] { request.NegativePrompt, negative }.Where(n => n.Length > 0)) : request.NegativePrompt,
            ProviderParameters = provider,
        };
    }
}
