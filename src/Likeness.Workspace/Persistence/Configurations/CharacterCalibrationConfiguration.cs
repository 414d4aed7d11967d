using Likeness.Core.Characters;
using Likeness.Core.Gates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="CharacterCalibration"/> is stored: one row per version, unique per character, metric and version.</summary>
internal sealed class CharacterCalibrationConfiguration : IEntityTypeConfiguration<CharacterCalibration>
{
    public void Configure(EntityTypeBuilder<CharacterCalibration> e)
    {
        e.HasIndex(c => new { c.CharacterId, c.Metric, c.Version }).IsUnique();
        e.Property(c => c.Metric).HasMaxLength(40);
        e.Property(c => c.Model).HasMaxLength(200);
        e.Property(c => c.ReferenceFingerprint).HasMaxLength(64);
        e.Property(c => c.Warnings).HasJsonConversion();
        e.Ignore(c => c.Usable);
        e.HasOne<Character>().WithMany().HasForeignKey(c => c.CharacterId).OnDelete(DeleteBehavior.Cascade);
    }
}
