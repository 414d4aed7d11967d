using Microsoft.AspNetCore.Components;

namespace Likeness.Server.Ui.Components;

/// <summary>A page inside one project, named by the route's <c>{Project:guid}</c>.</summary>
public abstract class ProjectPage : UiPage
{
    /// <summary>The route's project id.</summary>
    [Parameter]
    public Guid Project { get; set; }

    /// <inheritdoc />
    public override Guid? ProjectId => Project;
}
