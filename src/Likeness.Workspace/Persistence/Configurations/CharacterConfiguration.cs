using Likeness.Core.Characters;
using Likeness.Core.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="Character"/> is stored.</summary>
internal sealed class CharacterConfiguration : IEntityTypeConfiguration<Character>
{
    public void Configure(EntityTypeBuilder<Character> e)
    {
        e.HasIndex(c => new { c.ProjectId, c.Name }).IsUnique();
        e.HasIndex(c => new { c.ProjectId, c.NameKey }).IsUnique();
        e.HasIndex(c => c.TriggerToken).IsUnique();
        e.Property(c => c.Name).HasMaxLength(Character.MaxNameLength);
        e.Property(c => c.TriggerToken).HasMaxLength(TriggerToken.MaxLength);
        e.Property(c => c.Profile).HasJsonConversion();
        e.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
