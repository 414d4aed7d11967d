using Likeness.Core.Costs;
using Likeness.Core.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="LedgerEntry"/> is stored.</summary>
internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> e)
    {
        e.HasIndex(l => l.ProjectId);
        e.HasIndex(l => l.ReservationId);
        e.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(l => l.AmountUsd).HasPrecision(20, 10);
        e.HasOne<Project>().WithMany().HasForeignKey(l => l.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
