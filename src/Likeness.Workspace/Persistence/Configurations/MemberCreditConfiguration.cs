using Likeness.Core.Projects;
using Likeness.Workspace.Credits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="MemberCredit"/> and <see cref="CreditHold"/> are stored.</summary>
internal sealed class MemberCreditConfiguration : IEntityTypeConfiguration<MemberCredit>, IEntityTypeConfiguration<CreditHold>
{
    public void Configure(EntityTypeBuilder<MemberCredit> e)
    {
        e.ToTable("MemberCredits");
        e.HasKey(c => new { c.ProjectId, c.UserId });
        e.Property(c => c.AllowanceUsd).HasPrecision(20, 10);
        e.Property(c => c.UsedUsd).HasPrecision(20, 10);
        e.Property(c => c.ReservedUsd).HasPrecision(20, 10);
        e.Property(c => c.Period).HasConversion<string>().HasMaxLength(10);
        e.Ignore(c => c.RemainingUsd);
        e.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<CreditHold> e)
    {
        e.ToTable("CreditHolds");
        e.HasKey(h => h.ReservationId);
        e.HasIndex(h => new { h.ProjectId, h.UserId });
        e.Property(h => h.AmountUsd).HasPrecision(20, 10);
        e.HasOne<Project>().WithMany().HasForeignKey(h => h.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
