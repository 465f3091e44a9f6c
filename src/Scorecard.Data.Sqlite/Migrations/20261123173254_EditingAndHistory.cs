using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scorecard.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EditingAndHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Inputs",
                table: "Submissions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ComputedFrom",
                table: "Kpis",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "KpiId",
                table: "AuditEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MapId",
                table: "AuditEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "KpiMilestones",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    KpiId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Points = table.Column<decimal>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KpiMilestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KpiMilestones_Kpis_KpiId",
                        column: x => x.KpiId,
                        principalTable: "Kpis",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_KpiId_At",
                table: "AuditEntries",
                columns: new[] { "KpiId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_MapId_At",
                table: "AuditEntries",
                columns: new[] { "MapId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_KpiMilestones_KpiId",
                table: "KpiMilestones",
                column: "KpiId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "KpiMilestones");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_KpiId_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_MapId_At",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Inputs",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "ComputedFrom",
                table: "Kpis");

            migrationBuilder.DropColumn(
                name: "KpiId",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "MapId",
                table: "AuditEntries");
        }
    }
}
