namespace Likeness.Core.Accounts;

/// <summary>
/// What a member may do in a project. The values are ordered: each role may do everything the ones below it may,
/// so a rule names the least role it needs.
/// </summary>
public enum ProjectRole
{
    /// <summary>Reads the project: characters, references, shots, costs.</summary>
    Viewer = 0,

    /// <summary>Also creates characters, uploads references, generates shots (spends the budget).</summary>
    Artist = 1,

    /// <summary>Also manages members (below owner) and sets the budget.</summary>
    Admin = 2,

    /// <summary>Everything, including making other owners.</summary>
    Owner = 3,
}
