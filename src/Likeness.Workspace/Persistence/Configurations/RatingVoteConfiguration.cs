using Likeness.Core.Ratings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="RatingVote"/> is stored: one row per pair, rater and question (a second vote updates it).</summary>
internal sealed class RatingVoteConfiguration : IEntityTypeConfiguration<RatingVote>
{
    public void Configure(EntityTypeBuilder<RatingVote> e)
    {
        e.HasIndex(v => new { v.PairId, v.RaterId, v.Question }).IsUnique();
        e.HasIndex(v => new { v.SessionId, v.RaterId });
        e.Property(v => v.Question).HasConversion<string>().HasMaxLength(20);
        e.Property(v => v.Answer).HasConversion<string>().HasMaxLength(20);
        e.HasOne<RatingSession>().WithMany().HasForeignKey(v => v.SessionId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<RatingPair>().WithMany().HasForeignKey(v => v.PairId).OnDelete(DeleteBehavior.Cascade);
    }
}
