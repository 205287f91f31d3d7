namespace ClaimLens.Web.Pages.Repairs.Reports;

/// <summary>One bar: its label, its length in the chart's unit, and the text written on it.</summary>
public sealed record ChartBar(string Label, double Value, string ValueText);
