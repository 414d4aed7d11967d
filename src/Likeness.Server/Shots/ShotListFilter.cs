using Likeness.Core;
using Likeness.Core.Providers;
using Likeness.Core.Shots;
using Likeness.Workspace.Shots.Listing;

namespace Likeness.Server.Shots;

/// <summary>
/// The shot list's filters as a query names them (<c>?provider=sim-lora&amp;status=succeeded&amp;review=rejected</c>):
/// each left out (or empty) keeps every shot; an unknown value is a 400 naming its parameter, never an empty list.
/// </summary>
internal static class ShotListFilter
{
    /// <summary>The query parameters a next page's link carries on, after its limit and cursor.</summary>
    public static readonly string[] Parameters = ["view", "provider", "status", "review"];

    private static readonly Dictionary<string, ShotStatus> Statuses = Enum.GetValues<ShotStatus>().ToDictionary(s => s.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    private static readonly Dictionary<string, ShotReviewState> Reviews = Enum.GetValues<ShotReviewState>().ToDictionary(r => r.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    /// <summary>The filter the parameters ask for.</summary>
    public static ShotFilter Parse(string? provider, string? status, string? review, ProviderRegistry providers)
    {
        if (!string.IsNullOrEmpty(provider) && !providers.Listings.Any(l => l.Descriptor.Name == provider))
        {
            throw new InvalidInputException($"provider is a provider's name: {string.Join(", ", providers.Listings.Select(l => l.Descriptor.Name))}.", "provider");
        }

        return new ShotFilter(
            string.IsNullOrEmpty(provider) ? null : provider,
            string.IsNullOrEmpty(status) ? null : Statuses.TryGetValue(status, out ShotStatus s) ? s
                : throw new InvalidInputException($"status is one of {string.Join(", ", Statuses.Keys)}.", "status"),
            string.IsNullOrEmpty(review) ? null : Reviews.TryGetValue(review, out ShotReviewState r) ? r
                : throw new InvalidInputException($"review is one of {string.Join(", ", Reviews.Keys)}.", "review"));
    }
}
