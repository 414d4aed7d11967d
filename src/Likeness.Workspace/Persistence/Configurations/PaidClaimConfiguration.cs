using Likeness.Core.Projects;
using Likeness.Workspace.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="PaidClaim"/> is stored: the unique key is what makes one paid call per request.</summary>
internal sealed class PaidClaimConfiguration : IEntityTypeConfiguration<PaidClaim>
{
    public void Configure(EntityTypeBuilder<PaidClaim> e)
    {
        e.ToTable("PaidClaims");
        e.HasIndex(c => c.Key).IsUnique();
        e.HasIndex(c => c.SubjectId);
        e.HasIndex(c => c.ReservationId);
        e.Property(c => c.Key).HasMaxLength(200);
        e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.Provider).HasMaxLength(100);
        e.Property(c => c.Owner).HasMaxLength(200);
        e.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
