using Likeness.Core.Costs;
using Likeness.Core.Providers;

namespace Likeness.Server.Providers;

/// <summary>
/// A provider as the API shows it: what it can do, its limits and prices, and whether its key is configured (the key
/// itself never leaves the server's configuration, nor does the name of the variable holding it).
/// </summary>
/// <param name="Name">Its name in requests (<c>fal</c>, <c>sim-good</c>).</param>
/// <param name="DisplayName">Its name for people.</param>
/// <param name="Capabilities">What it can do (<c>reference-generation</c>, <c>training</c>, …).</param>
/// <param name="Available">Whether it can be called now (simulated, or its key is configured).</param>
/// <param name="Simulated">Whether it is a local simulation (no money, no network).</param>
/// <param name="KeyConfigured">Whether its key is set in the server's configuration.</param>
/// <param name="Limits">Its reference limits.</param>
/// <param name="Prices">Its prices per app.</param>
public sealed record ProviderResponse(
    string Name, string DisplayName, string[] Capabilities, bool Available, bool Simulated, bool KeyConfigured, ProviderLimitsResponse Limits, PriceResponse[] Prices)
{
    internal static ProviderResponse From(ProviderDescriptor d) => new(
        d.Name, d.DisplayName, CapabilityNames(d.Capabilities), d.IsAvailable, d.Simulated, d.KeyConfigured,
        new ProviderLimitsResponse(d.Limits.MinReferences, d.Limits.MaxReferences, [.. d.Limits.Formats], d.Limits.MaxReferenceBytes, d.Limits.MinReferenceSide),
        [.. d.Prices.Prices.OrderBy(p => p.App, StringComparer.Ordinal).Select(p => new PriceResponse(p.App, UnitName(p.Unit), p.Usd, p.Source))]);

    private static string[] CapabilityNames(ProviderCapabilities capabilities) =>
        [.. Enum.GetValues<ProviderCapabilities>().Where(c => c != ProviderCapabilities.None && capabilities.HasFlag(c)).Select(c => Kebab(c.ToString()))];

    private static string UnitName(PriceUnit unit) => Kebab(unit.ToString());

    private static string Kebab(string pascal) => string.Concat(pascal.Select((ch, i) => char.IsUpper(ch) && i > 0 ? "-" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}

/// <summary>A provider's reference limits.</summary>
/// <param name="MinReferences">Fewest references a call takes.</param>
/// <param name="MaxReferences">Most references a call takes.</param>
/// <param name="Formats">Accepted image formats.</param>
/// <param name="MaxReferenceBytes">Largest reference file.</param>
/// <param name="MinReferenceSide">Smallest side of a reference, in pixels.</param>
public sealed record ProviderLimitsResponse(int MinReferences, int MaxReferences, string[] Formats, long MaxReferenceBytes, int MinReferenceSide);

/// <summary>One price.</summary>
/// <param name="App">The provider's app (model endpoint).</param>
/// <param name="Unit">What the price is per (<c>image</c>, <c>megapixel</c>, <c>training</c>, <c>video-second</c>).</param>
/// <param name="Usd">The price in USD.</param>
/// <param name="Source">Where the price comes from.</param>
public sealed record PriceResponse(string App, string Unit, decimal Usd, string Source);
