namespace ClaimLens.Web.Pages.Repairs.Reports;

/// <summary>One line of a line chart: a value per category (null leaves a gap) and its CSS class (colour and dash).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values, string CssClass);
