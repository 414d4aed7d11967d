using Likeness.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="User"/> is stored.</summary>
internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> e)
    {
        e.HasIndex(u => u.NameKey).IsUnique();
        e.Property(u => u.Name).HasMaxLength(User.MaxNameLength);
        e.Property(u => u.NameKey).HasMaxLength(User.MaxNameLength);
        e.Property(u => u.PasswordHash).HasMaxLength(200);
    }
}
