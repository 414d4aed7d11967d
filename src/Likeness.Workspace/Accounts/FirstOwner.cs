using Likeness.Core.Accounts;
using Likeness.Core.Projects;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Accounts;

/// <summary>
/// A fresh home has no users, so nobody could call the server: the first start makes an administrator who owns the
/// default project and issues one token for it, returned once for the host to print (never to log).
/// </summary>
public sealed class FirstOwner(IDbContextFactory<LikenessDbContext> database, UserBook users, TokenBook tokens, TimeProvider time)
{
    /// <summary>The first owner's name.</summary>
    public const string DefaultName = "owner";

    /// <summary>
    /// Makes the first owner when there is no user yet and returns the token's secret; null when users exist (also when
    /// another node made the first owner at the same moment).
    /// </summary>
    public async Task<IssuedToken?> EnsureAsync(string name = DefaultName, CancellationToken cancellationToken = default)
    {
        if (await users.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        User user;
        try
        {
            user = await users.CreateAsync(name, null, isAdministrator: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Core.ConflictException)
        {
            return null;
        }

        return await MakeOwnerAsync(user, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes <paramref name="user"/> an owner of the default project and issues a token for it.</summary>
    public async Task<IssuedToken> MakeOwnerAsync(User user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using (LikenessDbContext db = database.CreateDbContext())
        {
            Project project = await db.Projects.SingleAsync(p => p.Name == Project.DefaultName, cancellationToken).ConfigureAwait(false);
            if (!await db.ProjectMembers.AnyAsync(m => m.ProjectId == project.Id && m.UserId == user.Id, cancellationToken).ConfigureAwait(false))
            {
                db.ProjectMembers.Add(ProjectMember.Create(project.Id, user.Id, ProjectRole.Owner, time));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return await tokens.IssueAsync(user.Id, "first-owner", cancellationToken).ConfigureAwait(false);
    }
}
