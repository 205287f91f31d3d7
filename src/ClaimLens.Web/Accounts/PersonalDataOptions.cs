namespace ClaimLens.Web.Accounts;

/// <summary>Keys for personal data (section <c>ClaimLens:PersonalData</c>). Keys come from configuration or a key
/// file, never from the database. When none are configured, a key file is created under <c>data/</c> so the
/// embedded demo runs with no set-up; production configures its own.</summary>
public sealed class PersonalDataOptions
{
    public const string Section = "ClaimLens:PersonalData";

    /// <summary>Encryption keys by id: 32 bytes each, base64.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>The key new values are encrypted with.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>32 bytes, base64: the HMAC key of blind indexes and the buyer key.</summary>
    public string? IndexKey { get; set; }

    /// <summary>Where the generated key file lives when no keys are configured.</summary>
    public string KeyFile { get; set; } = "data/keys.json";
}
