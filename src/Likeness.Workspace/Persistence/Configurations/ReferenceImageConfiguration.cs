using Likeness.Core.Characters;
using Likeness.Core.References;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="ReferenceImage"/> is stored.</summary>
internal sealed class ReferenceImageConfiguration : IEntityTypeConfiguration<ReferenceImage>
{
    public void Configure(EntityTypeBuilder<ReferenceImage> e)
    {
        e.HasIndex(r => new { r.CharacterId, r.AssetSha256 }).IsUnique();
        e.Property(r => r.AssetSha256).HasMaxLength(64);
        e.Property(r => r.Role).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.Fingerprint).HasConversion(v => unchecked((long)v), v => unchecked((ulong)v));
        e.Property(r => r.Analysis).HasJsonConversion();
        e.Property(r => r.Provenance).HasJsonConversion();
        e.HasOne<Character>().WithMany().HasForeignKey(r => r.CharacterId).OnDelete(DeleteBehavior.Cascade);
    }
}
