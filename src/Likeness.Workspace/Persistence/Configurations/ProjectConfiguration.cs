using Likeness.Core.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="Project"/> is stored.</summary>
internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> e)
    {
        e.HasIndex(p => p.Name).IsUnique();
        e.Property(p => p.Name).HasMaxLength(200);
        e.Property(p => p.BudgetUsd).HasPrecision(20, 10);
    }
}
