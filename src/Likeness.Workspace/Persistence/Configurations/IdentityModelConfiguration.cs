using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="IdentityModel"/> is stored.</summary>
internal sealed class IdentityModelConfiguration : IEntityTypeConfiguration<IdentityModel>
{
    public void Configure(EntityTypeBuilder<IdentityModel> e)
    {
        e.HasIndex(m => new { m.CharacterId, m.Provider, m.Version }).IsUnique();
        e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(m => m.Provider).HasMaxLength(100);
        e.Property(m => m.ReferenceIds).HasJsonConversion();
        e.Property(m => m.TrainingParameters).HasJsonConversion();
        e.Property(m => m.CostUsd).HasPrecision(20, 10);
        e.Property(m => m.Validation).HasJsonConversion();
        e.Property<List<IdentityArtifact>>("_artifacts").HasColumnName("Artifacts").HasJsonConversion();
        e.Ignore(m => m.Artifacts);
        e.HasOne<Character>().WithMany().HasForeignKey(m => m.CharacterId).OnDelete(DeleteBehavior.Cascade);
    }
}
