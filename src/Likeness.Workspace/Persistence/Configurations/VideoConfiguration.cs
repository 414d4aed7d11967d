using Likeness.Core.Characters;
using Likeness.Core.Pins;
using Likeness.Core.Videos;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="Video"/> is stored.</summary>
internal sealed class VideoConfiguration : IEntityTypeConfiguration<Video>
{
    public void Configure(EntityTypeBuilder<Video> e)
    {
        e.HasIndex(v => v.CharacterId);
        e.Property(v => v.Provider).HasMaxLength(100);
        e.Property(v => v.AspectRatio).HasMaxLength(10);
        e.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(v => v.AssetSha256).HasMaxLength(64);
        e.Property(v => v.ContentType).HasMaxLength(100);
        e.Property(v => v.CostUsd).HasPrecision(20, 10);
        e.Property(v => v.IdentityReportSha256).HasMaxLength(64);
        e.Property(v => v.IdentityChartSha256).HasMaxLength(64);
        e.HasOne<Character>().WithMany().HasForeignKey(v => v.CharacterId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Pin>().WithMany().HasForeignKey(v => v.PinId).OnDelete(DeleteBehavior.Restrict);
    }
}
