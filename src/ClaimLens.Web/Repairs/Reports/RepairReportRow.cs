namespace ClaimLens.Web.Repairs.Reports;

/// <summary>One group's figures (decision 0020). Requests and the response target count requests created in the period;
/// completed jobs, first-time fixes, re-repairs and satisfaction count jobs completed in the period. Percentages are
/// null when there is nothing to divide by; <see cref="Satisfaction"/> holds how many answered 1, 2, 3, 4 and 5.</summary>
public sealed record RepairReportRow(
    string Key, string Label, int Requests, int ResponseDecided, int ResponseMet, double? ResponseMetPercent,
    int Completed, int FirstTimeFixes, double? FirstTimeFixPercent, int ReRepairs, double? ReRepairPercent,
    int SatisfactionAnswers, double? SatisfactionMean, int[] Satisfaction);
