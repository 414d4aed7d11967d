using Likeness.Core.Identity;
using Likeness.Core.Routing;

namespace Likeness.Workspace.Routing;

/// <summary>One entry of a character's route with the identity it names now (<see cref="RouteBook.EntriesAsync"/>).</summary>
/// <param name="Entry">The 1-based entry.</param>
/// <param name="Route">The entry as set: its provider, and the identity pinned there if any.</param>
/// <param name="InUse">The pinned identity, else the version in use at the provider; null when none is ready there yet.</param>
public sealed record RouteEntryInUse(int Entry, RouteEntry Route, IdentityModel? InUse);
