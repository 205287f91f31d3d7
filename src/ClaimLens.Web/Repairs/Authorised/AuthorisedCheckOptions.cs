using System.ComponentModel.DataAnnotations;

namespace ClaimLens.Web.Repairs.Authorised;

/// <summary>Rate limit of the public authorised-service check, per client IP (section <c>ClaimLens:Repairs:AuthorisedCheck</c>).</summary>
public sealed class AuthorisedCheckOptions
{
    public const string Section = "ClaimLens:Repairs:AuthorisedCheck";

    public const string Policy = "authorised-check";

    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
