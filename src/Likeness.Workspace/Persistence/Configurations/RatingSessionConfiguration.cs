using Likeness.Core.Projects;
using Likeness.Core.Ratings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="RatingSession"/> is stored: gone with its project.</summary>
internal sealed class RatingSessionConfiguration : IEntityTypeConfiguration<RatingSession>
{
    public void Configure(EntityTypeBuilder<RatingSession> e)
    {
        e.HasIndex(s => s.ProjectId);
        e.Property(s => s.Name).HasMaxLength(RatingSession.MaxNameLength);
        e.Property(s => s.Source).HasMaxLength(300);
        e.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
