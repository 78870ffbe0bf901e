using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackupDashboard.Catalog.Migrations
{
    /// <inheritdoc />
    public partial class BackupIdsPerServer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_backups",
                table: "backups");

            migrationBuilder.AddPrimaryKey(
                name: "PK_backups",
                table: "backups",
                columns: new[] { "Server", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_backups_Id",
                table: "backups",
                column: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_backups",
                table: "backups");

            migrationBuilder.DropIndex(
                name: "IX_backups_Id",
                table: "backups");

            migrationBuilder.AddPrimaryKey(
                name: "PK_backups",
                table: "backups",
                column: "Id");
        }
    }
}
