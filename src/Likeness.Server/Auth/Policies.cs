using Likeness.Core.Accounts;

namespace Likeness.Server.Auth;

/// <summary>The authorization policies: one per project role, and one for server administrators.</summary>
public static class Policies
{
    /// <summary>Reads the route's project.</summary>
    public const string Viewer = "project-viewer";

    /// <summary>Creates and generates in the route's project.</summary>
    public const string Artist = "project-artist";

    /// <summary>Manages the route's project (members below owner, budget).</summary>
    public const string Admin = "project-admin";

    /// <summary>Owns the route's project.</summary>
    public const string Owner = "project-owner";

    /// <summary>Manages users.</summary>
    public const string Administrator = "administrator";

    /// <summary>The policy of each role.</summary>
    public static IReadOnlyDictionary<string, ProjectRole> Roles { get; } = new Dictionary<string, ProjectRole>
    {
        [Viewer] = ProjectRole.Viewer,
        [Artist] = ProjectRole.Artist,
        [Admin] = ProjectRole.Admin,
        [Owner] = ProjectRole.Owner,
    };
}
