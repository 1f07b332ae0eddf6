using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Closeloop.Server.Storage;

/// <summary>The production database, shared by every server node.</summary>
public sealed class PostgresCloseloopDb(DbContextOptions<PostgresCloseloopDb> options) : CloseloopDb(options)
{
    public override bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
