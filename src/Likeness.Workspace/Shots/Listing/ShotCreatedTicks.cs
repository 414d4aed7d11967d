using Likeness.Core.Shots;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.ValueGeneration;

namespace Likeness.Workspace.Shots.Listing;

/// <summary>
/// Writes <see cref="ShotOrder.Ticks"/> when a shot is added, from its <see cref="Shot.CreatedAt"/>, so every path that
/// adds a shot through EF Core stores its list position; the column is never updated after (a shot saved again keeps it).
/// </summary>
internal sealed class ShotCreatedTicks : ValueGenerator<long>
{
    /// <inheritdoc />
    public override bool GeneratesTemporaryValues => false;

    /// <inheritdoc />
    public override long Next(EntityEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return ((Shot)entry.Entity).CreatedAt.UtcTicks;
    }
}
