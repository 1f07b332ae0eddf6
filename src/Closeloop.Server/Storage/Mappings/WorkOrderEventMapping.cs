using Closeloop.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Closeloop.Server.Storage.Mappings;

internal sealed class WorkOrderEventMapping : IEntityTypeConfiguration<WorkOrderEvent>
{
    public void Configure(EntityTypeBuilder<WorkOrderEvent> e)
    {
        e.ToTable("work_order_events");
        e.HasKey(x => new { x.WorkOrderId, x.Sequence });
        e.HasOne<WorkOrder>().WithMany().HasForeignKey(x => x.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Action).HasMaxLength(40);
        e.Property(x => x.FromStatus).HasMaxLength(40);
        e.Property(x => x.ToStatus).HasMaxLength(40);
        e.Property(x => x.Actor).HasMaxLength(100);
        e.Property(x => x.Comment).HasMaxLength(100_000);
        e.Property(x => x.Reason).HasMaxLength(100_000);
        e.Property(x => x.Attachments)
            .HasConversion(
                list => StorageJson.Write(list),
                json => StorageJson.Read<List<Attachment>>(json),
                new ValueComparer<IReadOnlyList<Attachment>>((a, b) => a!.SequenceEqual(b!), list => list.Count, list => list.ToArray()));
        e.Property(x => x.Changes)
            .HasConversion(changes => StorageJson.Write(changes), json => StorageJson.Read<WorkOrderChanges>(json));
    }
}
