using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Closeloop.Server.Storage.Sqlite.Migrations
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
                type: "INTEGER",
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
