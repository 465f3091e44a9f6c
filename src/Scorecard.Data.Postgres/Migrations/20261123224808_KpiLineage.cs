using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scorecard.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class KpiLineage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "LineageId",
                table: "Kpis",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // A KPI stored before lineage existed starts a lineage of its own.
            migrationBuilder.Sql("UPDATE \"Kpis\" SET \"LineageId\" = \"Id\";");

            migrationBuilder.CreateIndex(
                name: "IX_Kpis_LineageId",
                table: "Kpis",
                column: "LineageId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Kpis_LineageId",
                table: "Kpis");

            migrationBuilder.DropColumn(
                name: "LineageId",
                table: "Kpis");
        }
    }
}
