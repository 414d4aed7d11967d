using Likeness.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="ApiToken"/> is stored: looked up by the hash of the presented secret.</summary>
internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> e)
    {
        e.HasIndex(t => t.Hash).IsUnique();
        e.HasIndex(t => t.UserId);
        e.Property(t => t.Name).HasMaxLength(ApiToken.MaxNameLength);
        e.Property(t => t.Hash).HasMaxLength(64);
        e.Property(t => t.Prefix).HasMaxLength(20);
        e.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
