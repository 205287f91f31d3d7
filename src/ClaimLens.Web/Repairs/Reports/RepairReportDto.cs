namespace ClaimLens.Web.Repairs.Reports;

/// <summary>A repair report: the period (local dates, both included, in the tenant's time zone), the grouping, the
/// whole period's figures and one row per group.</summary>
public sealed record RepairReportDto(DateOnly From, DateOnly To, string TimeZone, string GroupBy, RepairReportRow Total, IReadOnlyList<RepairReportRow> Rows);
