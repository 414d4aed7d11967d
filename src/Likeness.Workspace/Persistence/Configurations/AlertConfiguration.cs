using Likeness.Core.Projects;
using Likeness.Workspace.Alerts;
using Likeness.Workspace.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="Alert"/> (unique per key: once per threshold per period) <see cref="AuditEntry"/> and <see cref="PriceSnapshot"/> are stored.</summary>
internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>, IEntityTypeConfiguration<AuditEntry>, IEntityTypeConfiguration<PriceSnapshot>
{
    public void Configure(EntityTypeBuilder<PriceSnapshot> e)
    {
        e.ToTable("PriceSnapshots");
        e.HasIndex(s => s.Fingerprint).IsUnique();
        e.Property(s => s.Fingerprint).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<Alert> e)
    {
        e.ToTable("Alerts");
        e.HasIndex(a => a.Key).IsUnique();
        e.HasIndex(a => a.ProjectId);
        e.Property(a => a.Kind).HasMaxLength(20);
        e.Property(a => a.Key).HasMaxLength(300);
        e.Property(a => a.Message).HasMaxLength(1000);
        e.Property(a => a.LastError).HasMaxLength(1000);
        e.Property(a => a.UsedUsd).HasPrecision(20, 10);
        e.Property(a => a.LimitUsd).HasPrecision(20, 10);
        e.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        // No foreign key: the log outlives what it speaks of.
        e.ToTable("AuditLog");
        e.HasIndex(a => a.ProjectId);
        e.Property(a => a.Action).HasMaxLength(40);
        e.Property(a => a.Detail).HasMaxLength(AuditEntry.MaxDetailLength);
        e.Property(a => a.AmountUsd).HasPrecision(20, 10);
    }
}
