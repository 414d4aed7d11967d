using Likeness.Core.Projects;
using Likeness.Workspace.Studies.Stored;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="StudyRecord"/> is stored: its files as one JSON map of names to content hashes.</summary>
internal sealed class StudyRecordConfiguration : IEntityTypeConfiguration<StudyRecord>
{
    public void Configure(EntityTypeBuilder<StudyRecord> e)
    {
        e.ToTable("Studies");
        e.Property(s => s.Name).HasMaxLength(200);
        e.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(s => s.Files).HasJsonConversion();
        e.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
