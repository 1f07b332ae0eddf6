using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Closeloop.Server.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AppendOnlyHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The history is append-only: the database refuses to change or remove a step, whoever asks.
            migrationBuilder.Sql("""
                CREATE TRIGGER work_order_events_no_update BEFORE UPDATE ON work_order_events
                BEGIN SELECT RAISE(ABORT, 'work order history is append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER work_order_events_no_delete BEFORE DELETE ON work_order_events
                BEGIN SELECT RAISE(ABORT, 'work order history is append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER work_order_events_no_update;");
            migrationBuilder.Sql("DROP TRIGGER work_order_events_no_delete;");
        }
    }
}
