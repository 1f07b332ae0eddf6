using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Closeloop.Server.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Workbench : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "saved_views",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    query = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_saved_views", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_saved_views_user_name_name",
                table: "saved_views",
                columns: new[] { "user_name", "name" },
                unique: true);

            // The caller's earlier orders, looked up by phone during every call. The phone is a column of
            // the customer's complex property, which the model cannot index, so the index is written here.
            migrationBuilder.Sql("CREATE INDEX ix_work_orders_customer_phone ON work_orders (customer_phone, created_at);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_work_orders_customer_phone;");

            migrationBuilder.DropTable(
                name: "saved_views");
        }
    }
}
