using Likeness.Core.Ratings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="RatingInvite"/> is stored: looked up by the hash of the presented secret.</summary>
internal sealed class RatingInviteConfiguration : IEntityTypeConfiguration<RatingInvite>
{
    public void Configure(EntityTypeBuilder<RatingInvite> e)
    {
        e.HasIndex(i => i.Hash).IsUnique();
        e.HasIndex(i => i.SessionId);
        e.Property(i => i.Label).HasMaxLength(RatingInvite.MaxLabelLength);
        e.Property(i => i.Hash).HasMaxLength(64);
        e.HasOne<RatingSession>().WithMany().HasForeignKey(i => i.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
