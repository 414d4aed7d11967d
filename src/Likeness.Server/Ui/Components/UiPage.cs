using Likeness.Core.Accounts;
using Likeness.Core.Projects;
using Likeness.Server.Auth;
using Likeness.Workspace.Projects;
using Microsoft.AspNetCore.Components;

namespace Likeness.Server.Ui.Components;

/// <summary>
/// A signed-in page: redirects to the sign-in page when no one is signed in, and otherwise knows the caller's projects
/// and role in the page's project (null when the caller is not a member: the page then says it was not found, as the
/// API would). The role decides which controls are rendered at all; the API still checks every call.
/// </summary>
public abstract class UiPage : ComponentBase
{
    /// <summary>The request being rendered (static SSR always has one).</summary>
    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    /// <summary>Redirects.</summary>
    [Inject]
    public required NavigationManager Navigation { get; set; }

    /// <summary>Projects and memberships.</summary>
    [Inject]
    public required ProjectBook ProjectBook { get; set; }

    /// <summary>The caller's projects with their role in each.</summary>
    public IReadOnlyList<(Project Project, ProjectRole Role)> Projects { get; private set; } = [];

    /// <summary>The signed-in user's name.</summary>
    public string UserName { get; private set; } = "";

    /// <summary>False until the caller is known (a redirect leaves it false, and the page renders nothing).</summary>
    public bool Ready { get; private set; }

    /// <summary>The page's project, or null for pages outside one.</summary>
    public virtual Guid? ProjectId => null;

    /// <summary>The page's project when the caller is a member.</summary>
    public Project? Current => Projects.FirstOrDefault(p => p.Project.Id == ProjectId).Project;

    /// <summary>The caller's role in the page's project, or null.</summary>
    public ProjectRole? Role => Current is null ? null : Projects.First(p => p.Project.Id == ProjectId).Role;

    /// <summary>Whether the caller may create, upload and spend (artist and up): spend controls render only then.</summary>
    public bool CanSpend => Role >= ProjectRole.Artist;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        if (HttpContext?.User.UserIdOrNull() is not { } user)
        {
            Navigation.NavigateTo("/ui/sign-in?next=" + Uri.EscapeDataString(Navigation.ToBaseRelativePath(Navigation.Uri) is { Length: > 0 } p ? "/" + p : "/ui"));
            return;
        }

        UserName = HttpContext.User.Identity?.Name ?? "";
        Projects = await ProjectBook.ListForAsync(user, HttpContext.RequestAborted).ConfigureAwait(false);
        Ready = true;
        await LoadAsync().ConfigureAwait(false);
    }

    /// <summary>What a page loads once the caller is known.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;
}
