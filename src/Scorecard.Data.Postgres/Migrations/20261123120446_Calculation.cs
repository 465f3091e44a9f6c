using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scorecard.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Calculation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Aggregation",
                table: "Kpis",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AchievementReportedDecimals",
                table: "Evaluations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ChallengeNarrative",
                table: "Evaluations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContributionNarrative",
                table: "Evaluations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "Countermeasures",
                table: "Evaluations",
                type: "text[]",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Direction",
                table: "Evaluations",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InnovationNarrative",
                table: "Evaluations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "SituationAnalysis",
                table: "Evaluations",
                type: "text[]",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ThemeCode",
                table: "Evaluations",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Aggregation",
                table: "Kpis");

            migrationBuilder.DropColumn(
                name: "AchievementReportedDecimals",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "ChallengeNarrative",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "ContributionNarrative",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Countermeasures",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Direction",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "InnovationNarrative",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "SituationAnalysis",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "ThemeCode",
                table: "Evaluations");
        }
    }
}
