using Likeness.Workspace.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Persistence.Configurations;

/// <summary>How <see cref="WebhookReceipt"/> is stored: the key is what makes a redelivery a no-op on every node.</summary>
internal sealed class WebhookReceiptConfiguration : IEntityTypeConfiguration<WebhookReceipt>
{
    public void Configure(EntityTypeBuilder<WebhookReceipt> e)
    {
        e.ToTable("WebhookReceipts");
        e.HasKey(r => new { r.Provider, r.RequestId });
        e.Property(r => r.Provider).HasMaxLength(100);
        e.Property(r => r.RequestId).HasMaxLength(200);
    }
}
