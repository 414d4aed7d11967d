using Likeness.Core.Ratings;
using Likeness.Core.Shots;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>
/// How <see cref="RatingPair"/> is stored: gone with its session, and with either shot (deleting a shot, or its character
/// for a GDPR request, must leave nothing of it behind, votes included).
/// </summary>
internal sealed class RatingPairConfiguration : IEntityTypeConfiguration<RatingPair>
{
    public void Configure(EntityTypeBuilder<RatingPair> e)
    {
        e.HasIndex(p => new { p.SessionId, p.Ordinal }).IsUnique();
        e.HasIndex(p => p.FirstShotId);
        e.HasIndex(p => p.SecondShotId);
        e.Property(p => p.FirstArm).HasMaxLength(100);
        e.Property(p => p.SecondArm).HasMaxLength(100);
        e.HasOne<RatingSession>().WithMany().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Shot>().WithMany().HasForeignKey(p => p.FirstShotId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Shot>().WithMany().HasForeignKey(p => p.SecondShotId).OnDelete(DeleteBehavior.Cascade);
    }
}
