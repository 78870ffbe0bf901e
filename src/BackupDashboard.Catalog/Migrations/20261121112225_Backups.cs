using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackupDashboard.Catalog.Migrations
{
    public partial class Backups : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PasswordCipher",
                table: "servers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ToolPath",
                table: "servers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "backups",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Server = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    ParentId = table.Column<string>(type: "TEXT", nullable: true),
                    FromLsn = table.Column<long>(type: "INTEGER", nullable: true),
                    ToLsn = table.Column<long>(type: "INTEGER", nullable: true),
                    LastLsn = table.Column<long>(type: "INTEGER", nullable: true),
                    ToolName = table.Column<string>(type: "TEXT", nullable: false),
                    ToolVersion = table.Column<string>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    Problem = table.Column<string>(type: "TEXT", nullable: true),
                    CommandLine = table.Column<string>(type: "TEXT", nullable: false),
                    Partial = table.Column<bool>(type: "INTEGER", nullable: false),
                    Directory = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_backups", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_backups_Server_StartedAt",
                table: "backups",
                columns: new[] { "Server", "StartedAt" });
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "backups");

            migrationBuilder.DropColumn(
                name: "PasswordCipher",
                table: "servers");

            migrationBuilder.DropColumn(
                name: "ToolPath",
                table: "servers");
        }
    }
}
