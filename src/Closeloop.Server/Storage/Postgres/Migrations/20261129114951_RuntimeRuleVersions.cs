using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Closeloop.Server.Storage.Postgres.Migrations
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
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    rule_version = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    previous_rule_version = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    disk_rule_version = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rule_version_changes", x => x.sequence);
                });

            // Who changed the rules, when and why is kept like an order's history: append-only.
            migrationBuilder.Sql("""
                CREATE FUNCTION rule_version_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'rule version changes are append-only'; END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER rule_version_changes_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON rule_version_changes
                FOR EACH STATEMENT EXECUTE FUNCTION rule_version_changes_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER rule_version_changes_append_only ON rule_version_changes;");
            migrationBuilder.Sql("DROP FUNCTION rule_version_changes_append_only();");
            migrationBuilder.DropTable(
                name: "rule_version_changes");
        }
    }
}
