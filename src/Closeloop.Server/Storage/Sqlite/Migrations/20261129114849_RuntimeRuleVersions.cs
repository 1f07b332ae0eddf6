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

            // Who changed the rules, when and why is kept like an order's history: append-only.
            migrationBuilder.Sql("""
                CREATE TRIGGER rule_version_changes_no_update BEFORE UPDATE ON rule_version_changes
                BEGIN SELECT RAISE(ABORT, 'rule version changes are append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER rule_version_changes_no_delete BEFORE DELETE ON rule_version_changes
                BEGIN SELECT RAISE(ABORT, 'rule version changes are append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER rule_version_changes_no_update;");
            migrationBuilder.Sql("DROP TRIGGER rule_version_changes_no_delete;");
            migrationBuilder.DropTable(
                name: "rule_version_changes");
        }
    }
}
