namespace ClaimLens.Web.Accounts;

/// <summary>An integration key. Only a SHA-256 of the secret is stored: the key is shown once, when created.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }

    /// <summary>The merchant the key acts for; null for a deployment-wide reviewer or admin key.</summary>
    public Guid? MerchantId { get; set; }

    public Role Role { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the key, shown in lists so people can tell keys apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole key text.</summary>
    public required string SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
