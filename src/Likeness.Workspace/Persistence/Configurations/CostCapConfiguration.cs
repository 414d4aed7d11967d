using Likeness.Core.Gates;
using Likeness.Core.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="CostCap"/> is stored (whole micro-dollars, so caps are checked in SQL exactly).</summary>
internal sealed class CostCapConfiguration : IEntityTypeConfiguration<CostCap>
{
    public void Configure(EntityTypeBuilder<CostCap> e)
    {
        e.Ignore(c => c.LimitUsd);
        e.Ignore(c => c.SpentUsd);
        e.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
