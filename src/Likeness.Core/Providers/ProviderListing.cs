namespace Likeness.Core.Providers;

/// <summary>
/// One line of the registry's listing: the provider's descriptor (with the user's price overrides applied)
/// and whether Likeness has a client for it yet. A provider without a client is listed for its capabilities,
/// limits and prices only; asking it to work fails with a message that says so.
/// </summary>
public sealed record ProviderListing(ProviderDescriptor Descriptor, bool ClientBuilt);
