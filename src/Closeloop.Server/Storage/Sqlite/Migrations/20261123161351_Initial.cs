using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Closeloop.Server.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    work_order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_keys", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "number_sequences",
                columns: table => new
                {
                    scope = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    last_value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_number_sequences", x => x.scope);
                });

            migrationBuilder.CreateTable(
                name: "org_units",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    parent_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    name_zh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    area_codes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    path = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_org_units", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "personal_data_access",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    work_order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_personal_data_access", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rule_versions",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    preset = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    version = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    files = table.Column<string>(type: "TEXT", nullable: false),
                    first_loaded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rule_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "work_orders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    subtype = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    channel = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    content = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    grade = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    accepting_unit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    responsible_unit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    route = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    rule_version = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    customer_address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    customer_area_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: true),
                    customer_class = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    customer_customer_number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    customer_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    customer_phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_work_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "work_order_events",
                columns: table => new
                {
                    work_order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    from_status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    to_status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    comment = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: true),
                    attachments = table.Column<string>(type: "TEXT", nullable: false),
                    changes = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_work_order_events", x => new { x.work_order_id, x.sequence });
                    table.ForeignKey(
                        name: "FK_work_order_events_work_orders_work_order_id",
                        column: x => x.work_order_id,
                        principalTable: "work_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_personal_data_access_work_order_id_at",
                table: "personal_data_access",
                columns: new[] { "work_order_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_work_orders_created_at_number",
                table: "work_orders",
                columns: new[] { "created_at", "number" });

            migrationBuilder.CreateIndex(
                name: "IX_work_orders_number",
                table: "work_orders",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_open_by_unit",
                table: "work_orders",
                columns: new[] { "responsible_unit", "created_at", "number" },
                filter: "closed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_work_orders_responsible_unit_status_type",
                table: "work_orders",
                columns: new[] { "responsible_unit", "status", "type" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idempotency_keys");

            migrationBuilder.DropTable(
                name: "number_sequences");

            migrationBuilder.DropTable(
                name: "org_units");

            migrationBuilder.DropTable(
                name: "personal_data_access");

            migrationBuilder.DropTable(
                name: "rule_versions");

            migrationBuilder.DropTable(
                name: "work_order_events");

            migrationBuilder.DropTable(
                name: "work_orders");
        }
    }
}
