using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Closeloop.Server.Storage;

// Used only by `dotnet ef migrations add … --context …`: the migrations are generated from the
// model, never from a live database.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCloseloopDb>
{
    public SqliteCloseloopDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCloseloopDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCloseloopDb>
{
    public PostgresCloseloopDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCloseloopDb>().UseNpgsql("Host=localhost;Database=closeloop").Options);
}
