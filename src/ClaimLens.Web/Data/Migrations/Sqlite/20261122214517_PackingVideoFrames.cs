using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimLens.Web.Data.Migrations.Sqlite
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

            migrationBuilder.AddColumn<long>(
                name: "ProcessedAt",
                table: "PackingMedia",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProcessingError",
                table: "PackingMedia",
                type: "TEXT",
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
