using Likeness.Core.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Likeness.Server.Auth;

/// <summary>The caller must be a member of the route's project with at least <paramref name="Least"/>.</summary>
/// <param name="Least">The least role that may.</param>
internal sealed record ProjectRoleRequirement(ProjectRole Least) : IAuthorizationRequirement;
