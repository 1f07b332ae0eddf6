using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Closeloop.Server.Storage.Mappings;

internal sealed class StoredOrgUnitMapping : IEntityTypeConfiguration<StoredOrgUnit>
{
    public void Configure(EntityTypeBuilder<StoredOrgUnit> unit)
    {
        unit.ToTable("org_units");
        unit.HasKey(u => u.Code);
        unit.Property(u => u.Code).HasMaxLength(64);
        unit.Property(u => u.ParentCode).HasMaxLength(64);
        unit.Property(u => u.Kind).HasConversion<string>().HasMaxLength(30);
        unit.Property(u => u.NameZh).HasMaxLength(200);
        unit.Property(u => u.NameEn).HasMaxLength(200);
        unit.Property(u => u.AreaCodes).HasMaxLength(2000);
        unit.Property(u => u.Path).HasMaxLength(2000);
    }
}

internal sealed class StoredRuleVersionMapping : IEntityTypeConfiguration<StoredRuleVersion>
{
    public void Configure(EntityTypeBuilder<StoredRuleVersion> version)
    {
        version.ToTable("rule_versions");
        version.HasKey(v => v.Id);
        version.Property(v => v.Id).HasMaxLength(120);
        version.Property(v => v.Preset).HasMaxLength(64);
        version.Property(v => v.Version).HasMaxLength(40);
    }
}

internal sealed class RuleVersionChangeMapping : IEntityTypeConfiguration<RuleVersionChange>
{
    public void Configure(EntityTypeBuilder<RuleVersionChange> change)
    {
        change.ToTable("rule_version_changes");
        change.HasKey(c => c.Sequence);
        change.Property(c => c.Sequence).ValueGeneratedNever();
        change.Property(c => c.RuleVersion).HasMaxLength(120);
        change.Property(c => c.PreviousRuleVersion).HasMaxLength(120);
        change.Property(c => c.DiskRuleVersion).HasMaxLength(120);
        change.Property(c => c.Actor).HasMaxLength(100);
        change.Property(c => c.Reason).HasMaxLength(1000);
    }
}

internal sealed class NumberSequenceMapping : IEntityTypeConfiguration<NumberSequence>
{
    public void Configure(EntityTypeBuilder<NumberSequence> sequence)
    {
        sequence.ToTable("number_sequences");
        sequence.HasKey(s => s.Scope);
        sequence.Property(s => s.Scope).HasMaxLength(120);
    }
}

internal sealed class IdempotencyRecordMapping : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.ToTable("idempotency_keys");
        record.HasKey(r => r.Key);
        record.Property(r => r.Key).HasMaxLength(200);
        record.Property(r => r.RequestHash).HasMaxLength(64);
    }
}

internal sealed class WorkOrderCountMapping : IEntityTypeConfiguration<WorkOrderCount>
{
    public void Configure(EntityTypeBuilder<WorkOrderCount> count)
    {
        count.ToTable("work_order_counts");
        count.HasKey(c => new { c.ResponsibleUnit, c.Type, c.Status });
        count.Property(c => c.ResponsibleUnit).HasMaxLength(64);
        count.Property(c => c.Type).HasMaxLength(40);
        count.Property(c => c.Status).HasMaxLength(40);
    }
}

internal sealed class WorkOrderCountDeltaMapping : IEntityTypeConfiguration<WorkOrderCountDelta>
{
    public void Configure(EntityTypeBuilder<WorkOrderCountDelta> delta)
    {
        delta.ToTable("work_order_count_deltas");
        delta.HasKey(d => d.Id);
        delta.Property(d => d.ResponsibleUnit).HasMaxLength(64);
        delta.Property(d => d.Type).HasMaxLength(40);
        delta.Property(d => d.Status).HasMaxLength(40);
    }
}

internal sealed class PersonalDataAccessMapping : IEntityTypeConfiguration<PersonalDataAccess>
{
    public void Configure(EntityTypeBuilder<PersonalDataAccess> access)
    {
        access.ToTable("personal_data_access");
        access.HasKey(a => a.Id);
        access.Property(a => a.Actor).HasMaxLength(100);
        access.Property(a => a.Reason).HasMaxLength(1000);
        access.HasIndex(a => new { a.WorkOrderId, a.At });
    }
}
