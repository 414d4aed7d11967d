using Likeness.Core.Characters;
using Likeness.Core.Pins;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="Pin"/> is stored.</summary>
internal sealed class PinConfiguration : IEntityTypeConfiguration<Pin>
{
    public void Configure(EntityTypeBuilder<Pin> e)
    {
        e.Property(p => p.ReferenceIds).HasJsonConversion();
        e.HasOne<Character>().WithMany().HasForeignKey(p => p.CharacterId).OnDelete(DeleteBehavior.Cascade);
    }
}
