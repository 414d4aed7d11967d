using Likeness.Core.Projects;
using Likeness.Workspace.Deletion;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="DeletionRecord"/> is stored: the audit of deletes, kept with the ledger.</summary>
internal sealed class DeletionRecordConfiguration : IEntityTypeConfiguration<DeletionRecord>
{
    public void Configure(EntityTypeBuilder<DeletionRecord> e)
    {
        e.ToTable("Deletions");
        e.HasIndex(d => d.ProjectId);
        e.Property(d => d.Actor).HasMaxLength(200);
        e.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(d => d.Counts).HasJsonConversion();
        e.Property(d => d.PendingAssets).HasJsonConversion();
        e.Property(d => d.CostUsd).HasPrecision(20, 10);
        e.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
