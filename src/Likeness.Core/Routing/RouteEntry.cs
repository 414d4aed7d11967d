namespace Likeness.Core.Routing;

/// <summary>
/// One entry of a route: a provider, whose identity in use for the character serves (the best validated ready version,
/// <see cref="Identity.VersionChoice"/>), or one identity model pinned by id.
/// </summary>
/// <param name="Provider">The provider's name.</param>
/// <param name="IdentityModelId">A pinned identity model at that provider; null for the version in use.</param>
public sealed record RouteEntry(string Provider, Guid? IdentityModelId = null);
