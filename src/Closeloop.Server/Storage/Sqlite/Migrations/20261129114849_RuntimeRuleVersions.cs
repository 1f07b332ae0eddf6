using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Closeloop.Server.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RuntimeRuleVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "rule_version_changes",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    rule_version = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    previous_rule_version = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    disk_rule_version = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rule_version_changes", x => x.sequence);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rule_version_changes");
        }
    }
}
