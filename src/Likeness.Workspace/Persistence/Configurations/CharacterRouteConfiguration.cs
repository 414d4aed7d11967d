using Likeness.Core.Characters;
using Likeness.Core.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="CharacterRoute"/> is stored: one row per character, the entries as JSON in their order.</summary>
internal sealed class CharacterRouteConfiguration : IEntityTypeConfiguration<CharacterRoute>
{
    public void Configure(EntityTypeBuilder<CharacterRoute> e)
    {
        e.ToTable("Routes");
        e.HasIndex(r => r.CharacterId).IsUnique();
        e.Property(r => r.Policy).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.Entries).HasJsonConversion();
        e.Property(r => r.Proposal).HasMaxLength(1000);
        e.HasOne<Character>().WithMany().HasForeignKey(r => r.CharacterId).OnDelete(DeleteBehavior.Cascade);
    }
}
