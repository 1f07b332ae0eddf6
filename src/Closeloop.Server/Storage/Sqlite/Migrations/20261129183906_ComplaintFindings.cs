using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Closeloop.Server.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ComplaintFindings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "finding",
                table: "work_orders",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "finding_unit",
                table: "work_orders",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_work_orders_finding_unit",
                table: "work_orders",
                column: "finding_unit",
                filter: "finding_unit IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_work_orders_finding_unit",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "finding",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "finding_unit",
                table: "work_orders");
        }
    }
}
