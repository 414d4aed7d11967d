using Likeness.Workspace.KeyRing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="KeyRingEntry"/> is stored: one row per key, shared by every node.</summary>
internal sealed class KeyRingEntryConfiguration : IEntityTypeConfiguration<KeyRingEntry>
{
    public void Configure(EntityTypeBuilder<KeyRingEntry> e)
    {
        e.ToTable("KeyRing");
        e.Property(k => k.FriendlyName).HasMaxLength(200);
    }
}
