using Closeloop.Clocks;
using Closeloop.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Closeloop.Server.Storage.Mappings;

internal sealed class ClockMapping : IEntityTypeConfiguration<Clock>
{
    public void Configure(EntityTypeBuilder<Clock> clock)
    {
        clock.ToTable("clocks");
        clock.HasKey(c => c.Id);
        clock.Property(c => c.Id).ValueGeneratedNever();
        clock.HasOne<WorkOrder>().WithMany().HasForeignKey(c => c.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        clock.Property(c => c.Policy).HasMaxLength(64);
        clock.Property(c => c.Unit).HasConversion<string>().HasMaxLength(20);
        clock.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        clock.Property(c => c.CountedBy).HasMaxLength(64);
        clock.Property(c => c.EscalatedTo).HasMaxLength(64);
        // Business time as ticks: one integer type on every database, exact to the tick.
        clock.Property(c => c.Allowed).HasConversion<long>();
        clock.Property(c => c.WarnAfter).HasConversion<long?>();
        clock.Property(c => c.Used).HasConversion<long>();
        clock.Property(c => c.Margin).HasConversion<long?>();
        clock.Property(c => c.OnBreach).HasConversion<int>();
        clock.Ignore(c => c.IsStopped);
        clock.Ignore(c => c.Period);

        clock.HasIndex(c => new { c.WorkOrderId, c.Policy, c.Instance }).IsUnique();
        // The runner's queue: only clocks with something left to fire are in it, so a sweep reads
        // the due head of a small index however many clocks have ever run.
        clock.HasIndex(c => c.NextFireAt).HasFilter("next_fire_at IS NOT NULL").HasDatabaseName("ix_clocks_next_fire");
        // Overdue and due-soon lists: the running clocks by due.
        clock.HasIndex(c => new { c.Due, c.WorkOrderId }).HasFilter("stopped_at IS NULL").HasDatabaseName("ix_clocks_running_by_due");
        // On-time rates per period and per day: the stopped clocks by when they stopped, with who counted them and how they ended.
        clock.HasIndex(c => new { c.StoppedAt, c.CountedBy, c.State }).HasFilter("stopped_at IS NOT NULL").HasDatabaseName("ix_clocks_stopped");
        // The few running clocks due past the holiday notices loaded, counted again at each start-up.
        clock.HasIndex(c => c.WorkOrderId).HasFilter("provisional AND stopped_at IS NULL").HasDatabaseName("ix_clocks_provisional");
    }
}
