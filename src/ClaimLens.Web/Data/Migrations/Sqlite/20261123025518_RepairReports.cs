using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimLens.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RepairReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PartsWaits",
                table: "ServiceRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_MerchantId_CompletedAt",
                table: "ServiceRequests",
                columns: new[] { "MerchantId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRequests_MerchantId_CreatedAt",
                table: "ServiceRequests",
                columns: new[] { "MerchantId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_MerchantId_CompletedAt",
                table: "ServiceRequests");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRequests_MerchantId_CreatedAt",
                table: "ServiceRequests");

            migrationBuilder.DropColumn(
                name: "PartsWaits",
                table: "ServiceRequests");
        }
    }
}
