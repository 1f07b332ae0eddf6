using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Closeloop.Server.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Clocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "occurred_at",
                table: "work_order_events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "clocks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    work_order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    policy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    instance = table.Column<int>(type: "integer", nullable: false),
                    unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    amount = table.Column<int>(type: "integer", nullable: false),
                    counted_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    allowed = table.Column<long>(type: "bigint", nullable: false),
                    warn_after = table.Column<long>(type: "bigint", nullable: true),
                    used = table.Column<long>(type: "bigint", nullable: false),
                    running_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    due = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    warn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    paused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    warned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    stopped_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    margin = table.Column<long>(type: "bigint", nullable: true),
                    next_fire_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    on_breach = table.Column<int>(type: "integer", nullable: false),
                    escalated_to = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clocks", x => x.id);
                    table.ForeignKey(
                        name: "FK_clocks_work_orders_work_order_id",
                        column: x => x.work_order_id,
                        principalTable: "work_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    topic = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    recipient_unit = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    work_order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    work_order_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    subject_zh = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    subject_en = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deliver_after = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_clocks_next_fire",
                table: "clocks",
                column: "next_fire_at",
                filter: "next_fire_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_clocks_running_by_due",
                table: "clocks",
                columns: new[] { "due", "work_order_id" },
                filter: "stopped_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_clocks_work_order_id_policy_instance",
                table: "clocks",
                columns: new[] { "work_order_id", "policy", "instance" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_recipient_unit_created_at",
                table: "outbox_messages",
                columns: new[] { "recipient_unit", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_pending",
                table: "outbox_messages",
                column: "deliver_after",
                filter: "delivered_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "clocks");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "occurred_at",
                table: "work_order_events");
        }
    }
}
