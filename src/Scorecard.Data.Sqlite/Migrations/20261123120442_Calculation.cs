using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scorecard.Data.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AchievementReportedDecimals",
                table: "Evaluations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ChallengeNarrative",
                table: "Evaluations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContributionNarrative",
                table: "Evaluations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Countermeasures",
                table: "Evaluations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Direction",
                table: "Evaluations",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InnovationNarrative",
                table: "Evaluations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SituationAnalysis",
                table: "Evaluations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ThemeCode",
                table: "Evaluations",
                type: "TEXT",
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
