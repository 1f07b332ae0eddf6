using Closeloop.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Closeloop.Server.Storage.Mappings;

internal sealed class WorkOrderMapping : IEntityTypeConfiguration<WorkOrder>
{
    public void Configure(EntityTypeBuilder<WorkOrder> order)
    {
        order.ToTable("work_orders");
        order.HasKey(o => o.Id);
        order.Property(o => o.Id).ValueGeneratedNever();
        order.Property(o => o.Number).HasMaxLength(40);
        order.Property(o => o.Type).HasMaxLength(40);
        order.Property(o => o.Subtype).HasMaxLength(40);
        order.Property(o => o.Channel).HasConversion<string>().HasMaxLength(30);
        order.Property(o => o.Content).HasMaxLength(100_000);
        order.Property(o => o.Grade).HasMaxLength(40);
        order.Property(o => o.Finding).HasMaxLength(40);
        order.Property(o => o.FindingUnit).HasMaxLength(64);
        order.Property(o => o.AcceptingUnit).HasMaxLength(64);
        order.Property(o => o.ResponsibleUnit).HasMaxLength(64);
        order.Property(o => o.Status).HasMaxLength(40);
        order.Property(o => o.RuleVersion).HasMaxLength(120);
        order.Property(o => o.Version).IsConcurrencyToken();
        order.Property(o => o.Route)
            .HasConversion(
                route => string.Join('/', route),
                text => text.Split('/', StringSplitOptions.None),
                new ValueComparer<IReadOnlyList<string>>(
                    (a, b) => a!.SequenceEqual(b!),
                    route => route.Aggregate(0, (hash, unit) => HashCode.Combine(hash, unit)),
                    route => route.ToArray()))
            .HasMaxLength(1000);
        order.Property(o => o.RouteStatuses)
            .HasConversion(
                statuses => string.Join('/', statuses),
                text => text.Length == 0 ? Array.Empty<string>() : text.Split('/', StringSplitOptions.None),
                new ValueComparer<IReadOnlyList<string>>(
                    (a, b) => a!.SequenceEqual(b!),
                    statuses => statuses.Aggregate(0, (hash, status) => HashCode.Combine(hash, status)),
                    statuses => statuses.ToArray()))
            .HasMaxLength(1000)
            .HasDefaultValue(Array.Empty<string>());
        order.Property(o => o.CameUpFrom)
            .HasConversion(
                hops => StorageJson.Write(hops),
                json => StorageJson.Read<List<Hop>>(json),
                new ValueComparer<IReadOnlyList<Hop>>((a, b) => a!.SequenceEqual(b!), hops => hops.Count, hops => hops.ToArray()))
            .HasMaxLength(2000)
            .HasDefaultValue(Array.Empty<Hop>());
        order.Property(o => o.Assignee).HasMaxLength(100);
        order.ComplexProperty(o => o.Customer, customer =>
        {
            customer.Property(c => c.Name).HasMaxLength(100);
            customer.Property(c => c.Phone).HasConversion(phone => phone.Value, text => PhoneNumber.Parse(text)).HasMaxLength(40);
            customer.Property(c => c.CustomerNumber).HasMaxLength(40);
            customer.Property(c => c.Address).HasMaxLength(300);
            customer.Property(c => c.AreaCode).HasMaxLength(6);
            customer.Property(c => c.Class).HasMaxLength(40);
        });

        order.HasIndex(o => o.Number).IsUnique();
        // The queue of a unit: its open orders, newest first, read page by page.
        // Lists page by (created_at, number): the number is unique and breaks ties between equal instants.
        order.HasIndex(o => new { o.ResponsibleUnit, o.CreatedAt, o.Number }).HasFilter("closed_at IS NULL").HasDatabaseName("ix_work_orders_open_by_unit");
        order.HasIndex(o => new { o.ResponsibleUnit, o.Status, o.Type });
        order.HasIndex(o => new { o.CreatedAt, o.Number });
        // The supervision report reads only the few orders supervisors urged or supervised.
        order.HasIndex(o => o.ResponsibleUnit).HasFilter("urges > 0 OR supervised_at IS NOT NULL").HasDatabaseName("ix_work_orders_overseen");
        // A department's list holds the complaints found against it, which are few.
        order.HasIndex(o => o.FindingUnit).HasFilter("finding_unit IS NOT NULL");
    }
}
