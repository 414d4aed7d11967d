using Likeness.Core.Ratings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="Rater"/> is stored: one row per session and rater, holding the seed of their order.</summary>
internal sealed class RaterConfiguration : IEntityTypeConfiguration<Rater>
{
    public void Configure(EntityTypeBuilder<Rater> e)
    {
        e.ToTable("Raters");
        e.HasIndex(r => new { r.SessionId, r.RaterId }).IsUnique();
        e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        e.HasOne<RatingSession>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
