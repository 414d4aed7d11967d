using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Shots;
using Likeness.Workspace.Shots.Listing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="Shot"/> is stored.</summary>
internal sealed class ShotConfiguration : IEntityTypeConfiguration<Shot>
{
    public void Configure(EntityTypeBuilder<Shot> e)
    {
        e.HasIndex(s => s.CacheKey);
        // The list order (ShotOrder): the creation time as ticks, written once on add; the index serves a character's
        // pages in order and its foreign key alike.
        e.Property<long>(ShotOrder.Ticks).HasValueGenerator<ShotCreatedTicks>().Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        e.HasIndex(nameof(Shot.CharacterId), ShotOrder.Ticks, nameof(Shot.Id));
        // The list's summary fields, copied out of the JSON columns on every save (ShotSummaryColumns).
        ShotSummaryColumns.Map(e);
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
