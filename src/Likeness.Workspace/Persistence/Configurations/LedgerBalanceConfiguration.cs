using Likeness.Core.Projects;
using Likeness.Workspace.Costs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="LedgerBalance"/> is stored.</summary>
internal sealed class LedgerBalanceConfiguration : IEntityTypeConfiguration<LedgerBalance>
{
    public void Configure(EntityTypeBuilder<LedgerBalance> e)
    {
        e.ToTable("LedgerBalances");
        e.HasKey(b => b.ProjectId);
        e.Property(b => b.CommittedUsd).HasPrecision(20, 10);
        e.Property(b => b.ReservedUsd).HasPrecision(20, 10);
        e.HasOne<Project>().WithMany().HasForeignKey(b => b.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
