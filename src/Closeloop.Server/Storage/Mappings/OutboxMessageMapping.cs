using Closeloop.Server.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Closeloop.Server.Storage.Mappings;

internal sealed class OutboxMessageMapping : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("outbox_messages");
        message.HasKey(m => m.Id);
        message.Property(m => m.Id).ValueGeneratedNever();
        message.Property(m => m.Topic).HasMaxLength(40);
        message.Property(m => m.RecipientUnit).HasMaxLength(64);
        message.Property(m => m.WorkOrderNumber).HasMaxLength(40);
        message.Property(m => m.SubjectZh).HasMaxLength(500);
        message.Property(m => m.SubjectEn).HasMaxLength(500);
        message.Property(m => m.LastError).HasMaxLength(2000);
        // The sender's queue: undelivered messages by when they may go.
        message.HasIndex(m => m.DeliverAfter).HasFilter("delivered_at IS NULL").HasDatabaseName("ix_outbox_pending");
        // A unit's inbox, newest first.
        message.HasIndex(m => new { m.RecipientUnit, m.CreatedAt });
    }
}
