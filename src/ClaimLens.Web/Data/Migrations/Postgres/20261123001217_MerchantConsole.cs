using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClaimLens.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MerchantConsole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Orders_MerchantId_CreatedAt",
                table: "Orders",
                columns: new[] { "MerchantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_MerchantId_CreatedAt",
                table: "Claims",
                columns: new[] { "MerchantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_MerchantId_Status_ResponseDueAt",
                table: "Claims",
                columns: new[] { "MerchantId", "Status", "ResponseDueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_MerchantId_CreatedAt",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Claims_MerchantId_CreatedAt",
                table: "Claims");

            migrationBuilder.DropIndex(
                name: "IX_Claims_MerchantId_Status_ResponseDueAt",
                table: "Claims");
        }
    }
}
