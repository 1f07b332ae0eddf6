using Closeloop.Server.Audit;
using Closeloop.Server.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Closeloop.Server.Storage.Mappings;

internal sealed class UserAccountMapping : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> user)
    {
        user.ToTable("users");
        user.HasKey(u => u.Id);
        user.Property(u => u.Id).ValueGeneratedNever();
        user.Property(u => u.UserName).HasMaxLength(64);
        user.Property(u => u.DisplayName).HasMaxLength(100);
        user.Property(u => u.Unit).HasMaxLength(64);
        user.Property(u => u.Roles).HasMaxLength(500);
        user.Property(u => u.PasswordHash).HasMaxLength(200);
        user.Ignore(u => u.RoleList);
        user.HasIndex(u => u.UserName).IsUnique();
        user.HasIndex(u => u.Unit);
    }
}

internal sealed class PersonalTokenMapping : IEntityTypeConfiguration<PersonalToken>
{
    public void Configure(EntityTypeBuilder<PersonalToken> token)
    {
        token.ToTable("personal_tokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.Id).ValueGeneratedNever();
        token.Property(t => t.Name).HasMaxLength(100);
        token.Property(t => t.Hash).HasMaxLength(64);
        token.Property(t => t.Hint).HasMaxLength(8);
        token.HasIndex(t => t.Hash).IsUnique();
        token.HasIndex(t => t.UserId);
        token.HasOne<UserAccount>().WithMany().HasForeignKey(t => t.UserId);
    }
}

internal sealed class AuditEntryMapping : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit_trail");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Actor).HasMaxLength(64);
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.Subject).HasMaxLength(200);
        entry.Property(e => e.Unit).HasMaxLength(64);
        entry.Property(e => e.Detail).HasMaxLength(4000);
        // The auditor reads newest first, by person or by subject.
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.Actor, e.At });
        entry.HasIndex(e => new { e.Subject, e.At });
    }
}
