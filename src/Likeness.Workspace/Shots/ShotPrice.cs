using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Core.Shots;

namespace Likeness.Workspace.Shots;

/// <summary>What a shot request costs at a provider: the one estimate the runner reserves and a dry run shows.</summary>
internal static class ShotPrice
{
    public static decimal Estimate(ProviderDescriptor descriptor, IdentityModelKind kind, ShotRequest request)
    {
        ProviderCapabilities capability = kind == IdentityModelKind.Trained ? ProviderCapabilities.TrainedGeneration : ProviderCapabilities.ReferenceGeneration;
        return descriptor.Prices.EstimateImages(descriptor.AppFor(capability), request.Width, request.Height, request.Count);
    }
}
