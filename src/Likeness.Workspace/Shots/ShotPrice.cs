using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Core.Shots;

namespace Likeness.Workspace.Shots;

/// <summary>What a shot request costs at a provider: the one estimate the runner reserves and a dry run shows.</summary>
internal static class ShotPrice
{
    public static decimal Estimate(ProviderDescriptor descriptor, IdentityModelKind kind, ShotRequest request) =>
        descriptor.Prices.EstimateImages(descriptor.AppFor(CapabilityOf(kind)), request.Width, request.Height, request.Count);

    /// <summary>What the generation behind an identity of <paramref name="kind"/> is priced in (per image when the table has no line).</summary>
    public static Core.Costs.PriceUnit UnitOf(ProviderDescriptor descriptor, IdentityModelKind kind) =>
        descriptor.Prices.Find(descriptor.AppFor(CapabilityOf(kind)))?.Unit ?? Core.Costs.PriceUnit.Image;

    /// <summary>The capability a shot with an identity of <paramref name="kind"/> uses.</summary>
    public static ProviderCapabilities CapabilityOf(IdentityModelKind kind) =>
        kind == IdentityModelKind.Trained ? ProviderCapabilities.TrainedGeneration : ProviderCapabilities.ReferenceGeneration;
}
