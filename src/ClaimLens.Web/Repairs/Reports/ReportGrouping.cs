namespace ClaimLens.Web.Repairs.Reports;

/// <summary>What a repair report's rows are: a region level, a technician, a brand, or a stretch of time.</summary>
public enum ReportGrouping
{
    Province,
    City,
    County,
    Technician,
    Brand,
    Week,
    Month,
}
