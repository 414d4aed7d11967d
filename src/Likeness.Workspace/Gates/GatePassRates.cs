using Likeness.Core.Gates;
using Likeness.Core.Shots;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Gates;

/// <summary>
/// The pass rates the gate has measured in this workspace, per provider, and the cost per kept shot they give:
/// every shot a gate judged counts (failed calls aside: nothing was made or paid), at the mean price its judged
/// shots cost.
/// </summary>
public sealed class GatePassRates(IDbContextFactory<LikenessDbContext> database)
{
    /// <summary>Cost per kept shot by provider, for providers with at least one judged shot.</summary>
    public async Task<IReadOnlyDictionary<string, KeptShotCost>> ByProviderAsync(CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        List<Shot> judged = await db.Shots.AsNoTracking().Where(s => s.Verdict != null).ToListAsync(cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, KeptShotCost>(StringComparer.Ordinal);
        foreach (var group in judged.Where(s => s.Verdict!.Reason != VerdictReason.Failed && !s.Verdict.Draft).GroupBy(s => s.Provider, StringComparer.Ordinal))
        {
            if (KeptShotCost.Of(group.Average(s => s.CostUsd), group.Count(s => s.Verdict!.Kept), group.Count()) is { } cost)
            {
                result[group.Key] = cost;
            }
        }

        return result;
    }
}
