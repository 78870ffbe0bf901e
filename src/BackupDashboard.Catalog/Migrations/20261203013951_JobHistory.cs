using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackupDashboard.Catalog.Migrations
{
    /// <inheritdoc />
    public partial class JobHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RehearsalCron",
                table: "schedules",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "VerifiedAt",
                table: "backups",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerifyState",
                table: "backups",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerifySummary",
                table: "backups",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "job_runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Server = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    QueuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: true),
                    TimeToRestore = table.Column<double>(type: "REAL", nullable: true),
                    CancelRequested = table.Column<bool>(type: "INTEGER", nullable: false),
                    Runner = table.Column<string>(type: "TEXT", nullable: true),
                    Log = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_job_runs", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_job_runs_Server_QueuedAt",
                table: "job_runs",
                columns: new[] { "Server", "QueuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_job_runs_State",
                table: "job_runs",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "job_runs");

            migrationBuilder.DropColumn(
                name: "RehearsalCron",
                table: "schedules");

            migrationBuilder.DropColumn(
                name: "VerifiedAt",
                table: "backups");

            migrationBuilder.DropColumn(
                name: "VerifyState",
                table: "backups");

            migrationBuilder.DropColumn(
                name: "VerifySummary",
                table: "backups");
        }
    }
}
