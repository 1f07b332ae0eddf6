using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Closeloop.Server.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WorkOrderCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "work_order_count_deltas",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    responsible_unit = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    delta = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_work_order_count_deltas", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "work_order_counts",
                columns: table => new
                {
                    responsible_unit = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_work_order_counts", x => new { x.responsible_unit, x.type, x.status });
                });
        
            // Orders that existed before the roll-up are counted once here; from now on each change adds a delta.
            migrationBuilder.Sql(
                "INSERT INTO work_order_counts (responsible_unit, type, status, count) " +
                "SELECT responsible_unit, type, status, COUNT(*) FROM work_orders GROUP BY responsible_unit, type, status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "work_order_count_deltas");

            migrationBuilder.DropTable(
                name: "work_order_counts");
        }
    }
}
