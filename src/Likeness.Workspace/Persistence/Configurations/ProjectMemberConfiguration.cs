using Likeness.Core.Accounts;
using Likeness.Core.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="ProjectMember"/> is stored: one row per project and user.</summary>
internal sealed class ProjectMemberConfiguration : IEntityTypeConfiguration<ProjectMember>
{
    public void Configure(EntityTypeBuilder<ProjectMember> e)
    {
        e.HasIndex(m => new { m.ProjectId, m.UserId }).IsUnique();
        e.HasIndex(m => m.UserId);
        e.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        e.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
