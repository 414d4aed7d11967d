using Likeness.Core.Projects;
using Likeness.Workspace.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="JobRecord"/> is stored: its version is the concurrency check between nodes; who asked is two plain columns (no key to users, so the record outlives a membership).</summary>
internal sealed class JobRecordConfiguration : IEntityTypeConfiguration<JobRecord>
{
    public void Configure(EntityTypeBuilder<JobRecord> e)
    {
        e.ToTable("Jobs");
        e.HasIndex(j => j.SubjectId);
        e.Property(j => j.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(j => j.Message).HasMaxLength(1000);
        e.Property(j => j.ResultIds).HasJsonConversion();
        e.Property(j => j.Version).IsConcurrencyToken();
        e.Property(j => j.RequestedRole).HasConversion<string>().HasMaxLength(20);
        e.Ignore(j => j.Requester);
        e.HasOne<Project>().WithMany().HasForeignKey(j => j.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
