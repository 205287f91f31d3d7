using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Accounts;

/// <summary>Encrypts personal data (names, phones, addresses) with AES-256-GCM and computes keyed hashes for
/// lookups. A protected value is <c>v1.{keyId}.{base64(nonce ‖ ciphertext ‖ tag)}</c>, so values written under
/// an older key stay readable after the active key changes.</summary>
public sealed class PersonalData
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _activeKeyId;
    private readonly byte[] _indexKey;

    public PersonalData(IOptions<PersonalDataOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var o = options.Value;
        if (o.Keys.Count == 0)
            o = LoadOrCreateKeyFile(Path.GetFullPath(o.KeyFile, environment.ContentRootPath));
        _keys = o.Keys.ToDictionary(k => k.Key, k => DecodeKey(k.Value, $"key \"{k.Key}\""));
        _activeKeyId = o.ActiveKeyId ?? o.Keys.Keys.Max(StringComparer.Ordinal)!;
        if (!_keys.ContainsKey(_activeKeyId))
            throw new InvalidOperationException($"{PersonalDataOptions.Section}:ActiveKeyId \"{_activeKeyId}\" is not among the keys");
        _indexKey = DecodeKey(o.IndexKey ?? throw new InvalidOperationException($"{PersonalDataOptions.Section}:IndexKey is not set"), "IndexKey");
    }

    /// <summary>The id of the key new values are encrypted with.</summary>
    public string ActiveKeyId => _activeKeyId;

    /// <summary>How every value under the active key starts (<c>v1.{keyId}.</c>); rotation looks for values that do not.</summary>
    public string ActivePrefix => $"v1.{_activeKeyId}.";

    /// <summary>The key id a protected value names, or null when it is not a protected value.</summary>
    public static string? KeyIdOf(string protectedValue)
    {
        ArgumentNullException.ThrowIfNull(protectedValue);
        var parts = protectedValue.Split('.', 3);
        return parts.Length == 3 && parts[0] == "v1" ? parts[1] : null;
    }

    /// <summary>The value under the active key: unchanged when it is already, else decrypted and encrypted again.</summary>
    /// <exception cref="CryptographicException">The value is damaged or its key is no longer configured.</exception>
    public string Reprotect(string protectedValue)
    {
        ArgumentNullException.ThrowIfNull(protectedValue);
        return protectedValue.StartsWith(ActivePrefix, StringComparison.Ordinal) ? protectedValue : Protect(Unprotect(protectedValue));
    }

    public string Protect(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + data.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_activeKeyId], TagSize);
        // The key id is authenticated data: a value cannot be moved under another key id unnoticed.
        aes.Encrypt(nonce, data, sealedBytes.AsSpan(NonceSize, data.Length), sealedBytes.AsSpan(NonceSize + data.Length), Encoding.UTF8.GetBytes(_activeKeyId));
        return $"v1.{_activeKeyId}.{Convert.ToBase64String(sealedBytes)}";
    }

    /// <exception cref="CryptographicException">The value is damaged or its key is unknown.</exception>
    public string Unprotect(string protectedValue)
    {
        ArgumentNullException.ThrowIfNull(protectedValue);
        var parts = protectedValue.Split('.', 3);
        if (parts.Length != 3 || parts[0] != "v1" || !_keys.TryGetValue(parts[1], out var key))
            throw new CryptographicException("not a protected value, or its key is not configured");
        var sealedBytes = new byte[parts[2].Length * 3 / 4];
        if (!Convert.TryFromBase64String(parts[2], sealedBytes, out var written))
            throw new CryptographicException("protected value is damaged (not base64)");
        sealedBytes = sealedBytes[..written];
        if (sealedBytes.Length < NonceSize + TagSize)
            throw new CryptographicException("protected value is truncated");
        var length = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plain, Encoding.UTF8.GetBytes(parts[1]));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Keyed hash (HMAC-SHA256, hex) of <paramref name="purpose"/> and a normalised value: equal inputs
    /// give equal hashes, and nobody without the key can test a guess.</summary>
    public string BlindIndex(string purpose, string normalizedValue) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_indexKey, Encoding.UTF8.GetBytes(purpose + "\u001f" + normalizedValue)));

    /// <summary>Digits of a mainland phone number without +86, spaces or dashes; null when it is not one.</summary>
    public static string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
            return null;
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal))
            digits = digits[2..];
        return digits.Length == 11 && digits[0] == '1' ? digits : null;
    }

    /// <summary>138****5678.</summary>
    public static string MaskPhone(string phone) =>
        phone.Length >= 7 ? string.Concat(phone.AsSpan(0, 3), "****", phone.AsSpan(phone.Length - 4)) : "****";

    private static byte[] DecodeKey(string base64, string what)
    {
        var bytes = Convert.FromBase64String(base64);
        return bytes.Length == 32 ? bytes : throw new InvalidOperationException($"{PersonalDataOptions.Section} {what} must be 32 bytes (base64)");
    }

    private static PersonalDataOptions LoadOrCreateKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var created = new PersonalDataOptions
            {
                Keys = new() { ["k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
                ActiveKeyId = "k1",
                IndexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            };
            File.WriteAllText(path, JsonSerializer.Serialize(created, JsonSerializerOptions.Web));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return JsonSerializer.Deserialize<PersonalDataOptions>(File.ReadAllText(path), JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"key file {path} is empty");
    }
}
