using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimLens.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PackingVideoFrames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PackingMedia_SourceMediaId_AtSeconds",
                table: "PackingMedia");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ProcessedAt",
                table: "PackingMedia",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProcessingError",
                table: "PackingMedia",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PackingMedia_SourceMediaId_AtSeconds",
                table: "PackingMedia",
                columns: new[] { "SourceMediaId", "AtSeconds" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PackingMedia_SourceMediaId_AtSeconds",
                table: "PackingMedia");

            migrationBuilder.DropColumn(
                name: "ProcessedAt",
                table: "PackingMedia");

            migrationBuilder.DropColumn(
                name: "ProcessingError",
                table: "PackingMedia");

            migrationBuilder.CreateIndex(
                name: "IX_PackingMedia_SourceMediaId_AtSeconds",
                table: "PackingMedia",
                columns: new[] { "SourceMediaId", "AtSeconds" });
        }
    }
}
