using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Shots;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="Shot"/> is stored.</summary>
internal sealed class ShotConfiguration : IEntityTypeConfiguration<Shot>
{
    public void Configure(EntityTypeBuilder<Shot> e)
    {
        e.HasIndex(s => s.CacheKey);
        e.HasIndex(s => s.CharacterId);
        e.Property(s => s.Provider).HasMaxLength(100);
        e.Property(s => s.CacheKey).HasMaxLength(64);
        e.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(s => s.Request).HasJsonConversion();
        e.Property(s => s.Assets).HasJsonConversion();
        e.Property(s => s.Scores).HasJsonConversion();
        e.Property(s => s.Metadata).HasJsonConversion();
        e.Property(s => s.Verdict).HasJsonConversion();
        e.Property(s => s.Routing).HasJsonConversion();
        e.Property(s => s.Review).HasJsonConversion();
        e.Property(s => s.CostUsd).HasPrecision(20, 10);
        e.HasOne<Character>().WithMany().HasForeignKey(s => s.CharacterId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<IdentityModel>().WithMany().HasForeignKey(s => s.IdentityModelId).OnDelete(DeleteBehavior.Restrict);
    }
}
