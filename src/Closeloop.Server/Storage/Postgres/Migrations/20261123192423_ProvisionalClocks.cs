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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "provisional",
                table: "clocks");
        }
    }
}
