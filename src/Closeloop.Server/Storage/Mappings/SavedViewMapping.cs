using Closeloop.Server.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Closeloop.Server.Storage.Mappings;

internal sealed class SavedViewMapping : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> view)
    {
        view.ToTable("saved_views");
        view.HasKey(v => v.Id);
        view.Property(v => v.Id).ValueGeneratedNever();
        view.Property(v => v.UserName).HasMaxLength(100);
        view.Property(v => v.Name).HasMaxLength(SavedViews.MaxNameLength);
        view.Property(v => v.Query).HasMaxLength(SavedViews.MaxQueryLength);
        // A person's views by name: one name once.
        view.HasIndex(v => new { v.UserName, v.Name }).IsUnique();
    }
}
