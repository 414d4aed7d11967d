using Likeness.Core.Accounts;
using Likeness.Core.Projects;
using Likeness.Server.Problems;

namespace Likeness.Server.Projects;

/// <summary>A project as its member sees it.</summary>
/// <param name="Id">Its id (every project route starts <c>/api/projects/{id}</c>).</param>
/// <param name="Name">Its unique name.</param>
/// <param name="BudgetUsd">Its spending cap; null is none.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="Role">The caller's role there.</param>
public sealed record ProjectResponse(Guid Id, string Name, decimal? BudgetUsd, DateTimeOffset CreatedAt, string Role)
{
    internal static ProjectResponse From(Project p, ProjectRole role) => new(p.Id, p.Name, p.BudgetUsd, p.CreatedAt, Require.NameOf(role));
}

/// <summary>Create a project (the caller becomes its owner).</summary>
/// <param name="Name">Its unique name.</param>
/// <param name="BudgetUsd">Its spending cap in USD; omitted, none.</param>
public sealed record CreateProjectRequest(string? Name, decimal? BudgetUsd);

/// <summary>Set or remove a project's budget.</summary>
/// <param name="BudgetUsd">The cap in USD; null removes it.</param>
public sealed record SetBudgetRequest(decimal? BudgetUsd);
