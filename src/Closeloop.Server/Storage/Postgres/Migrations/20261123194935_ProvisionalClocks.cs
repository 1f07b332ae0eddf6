using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Closeloop.Server.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProvisionalClocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "provisional",
                table: "clocks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "ix_clocks_provisional",
                table: "clocks",
                column: "work_order_id",
                filter: "provisional AND stopped_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_clocks_provisional",
                table: "clocks");

            migrationBuilder.DropColumn(
                name: "provisional",
                table: "clocks");
        }
    }
}
