using Likeness.Core;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Server.Jobs.Api;

/// <summary>
/// The <c>{project}</c> of a job route (its id or name) as a project id; an unknown project is a 404. Everything a job
/// route acts on is checked against it, so an id from another project is not found either.
/// </summary>
internal sealed class ProjectRoute(IDbContextFactory<LikenessDbContext> database)
{
    public async Task<Guid> ResolveAsync(string project, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = await database.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        Guid? id = Guid.TryParse(project, out Guid parsed)
            ? await db.Projects.Where(p => p.Id == parsed).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : await db.Projects.Where(p => p.Name == project).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return id ?? throw new NotFoundException(EntityKind.Project, project, $"No project {project}.");
    }
}
