using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Closeloop.Server.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class People : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_trail",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    detail = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_trail", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    roles = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    failed_sign_ins = table.Column<int>(type: "INTEGER", nullable: false),
                    locked_until = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    disabled_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "personal_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    hint = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_personal_tokens", x => x.id);
                    table.ForeignKey(
                        name: "FK_personal_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_trail_actor_at",
                table: "audit_trail",
                columns: new[] { "actor", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_trail_at",
                table: "audit_trail",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "IX_audit_trail_subject_at",
                table: "audit_trail",
                columns: new[] { "subject", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_personal_tokens_hash",
                table: "personal_tokens",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_personal_tokens_user_id",
                table: "personal_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_users_unit",
                table: "users",
                column: "unit");

            migrationBuilder.CreateIndex(
                name: "IX_users_user_name",
                table: "users",
                column: "user_name",
                unique: true);

            // The audit trail is append-only, like the history: the database refuses to change or remove a line.
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_trail_no_update BEFORE UPDATE ON audit_trail
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_trail_no_delete BEFORE DELETE ON audit_trail
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_trail_no_update;");
            migrationBuilder.Sql("DROP TRIGGER audit_trail_no_delete;");
            migrationBuilder.DropTable(
                name: "audit_trail");

            migrationBuilder.DropTable(
                name: "personal_tokens");

            migrationBuilder.DropTable(
                name: "users");
        }
    }
}
