using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Closeloop.Server.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Oversight : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "supervised_at",
                table: "work_orders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "urges",
                table: "work_orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_overseen",
                table: "work_orders",
                column: "responsible_unit",
                filter: "urges > 0 OR supervised_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_work_orders_overseen",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "supervised_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "urges",
                table: "work_orders");
        }
    }
}
