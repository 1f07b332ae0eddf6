using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Closeloop.Server.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AppendOnlyHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The history is append-only: the database refuses to change or remove a step, whoever asks.
            migrationBuilder.Sql("""
                CREATE FUNCTION work_order_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'work order history is append-only'; END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER work_order_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON work_order_events
                FOR EACH STATEMENT EXECUTE FUNCTION work_order_events_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER work_order_events_append_only ON work_order_events;");
            migrationBuilder.Sql("DROP FUNCTION work_order_events_append_only();");
        }
    }
}
