using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Closeloop.Server.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RoomForRowVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "work_orders")
                .Annotation("Npgsql:StorageParameter:fillfactor", 85);

            migrationBuilder.AlterTable(
                name: "clocks")
                .Annotation("Npgsql:StorageParameter:fillfactor", 85);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "work_orders")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 85);

            migrationBuilder.AlterTable(
                name: "clocks")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 85);
        }
    }
}
