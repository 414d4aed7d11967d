using Likeness.Workspace.Persistence;
using System.Collections.Concurrent;
using Likeness.Core.Assets;
using Likeness.Core.Providers;
using Likeness.Providers.Sim;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace;

/// <summary>
/// The sim's distractor identities: every other character's reference photos in the character's project (a sim shot
/// never shows another project's references).
/// </summary>
internal sealed class WorkspaceDistractors(IDbContextFactory<LikenessDbContext> database, IAssetStore assets) : ISimDistractorSource
{
    private readonly ConcurrentDictionary<string, ReferencePhoto> _photos = new();

    public async Task<IReadOnlyList<ReferencePhoto>> DistractorsForAsync(string characterKey, CancellationToken cancellationToken)
    {
        await using var db = database.CreateDbContext();
        // Trigger tokens are unique, so the key names one character, and its project bounds the distractors (one query, as before).
        var others = await db.References
            .Join(db.Characters, r => r.CharacterId, c => c.Id, (r, c) => new { c.ProjectId, c.TriggerToken, r.AssetSha256, r.Format, r.Role })
            .Where(o => o.TriggerToken != characterKey && db.Characters.Any(c => c.TriggerToken == characterKey && c.ProjectId == o.ProjectId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<ReferencePhoto>();
        foreach (var other in others.OrderBy(o => o.AssetSha256, StringComparer.Ordinal))
        {
            if (!_photos.TryGetValue(other.AssetSha256, out ReferencePhoto? photo))
            {
                byte[] bytes = await assets.ReadAllBytesAsync(other.AssetSha256, cancellationToken).ConfigureAwait(false);
                photo = _photos.GetOrAdd(other.AssetSha256, new ReferencePhoto(other.AssetSha256, bytes, "image/" + other.Format, other.Role));
            }

            result.Add(photo);
        }

        return result;
    }
}
