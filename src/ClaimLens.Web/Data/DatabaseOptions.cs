using System.ComponentModel.DataAnnotations;

namespace ClaimLens.Web.Data;

/// <summary>Which database (section <c>ClaimLens:Database</c>).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "ClaimLens:Database";

    /// <summary><c>Sqlite</c> (the embedded default) or <c>Postgres</c>.</summary>
    [Required]
    [RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Provider must be Sqlite or Postgres")]
    public string Provider { get; set; } = "Sqlite";

    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/claimlens.db";

    /// <summary>Apply migrations at start-up (the default; production may run them as a release step instead).</summary>
    public bool Migrate { get; set; } = true;
}
