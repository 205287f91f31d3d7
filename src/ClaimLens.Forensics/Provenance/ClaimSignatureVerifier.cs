using System.Formats.Asn1;
using System.Formats.Cbor;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;

namespace ClaimLens.Forensics.Provenance;

/// <summary>Verifies a C2PA claim signature: a COSE_Sign1 whose payload is detached (it is the claim's CBOR)
/// and whose x5chain header (label 33) carries the signing certificate first. Trust in the certificate is
/// not evaluated: there is no trust list here and no network.</summary>
internal static class ClaimSignatureVerifier
{
    private static readonly CoseHeaderLabel X5Chain = new(33);
    // Early c2pa-rs (before label 33 was registered) wrote the chain under the text label "x5chain".
    private static readonly CoseHeaderLabel X5ChainText = new("x5chain");
    private static readonly CoseHeaderLabel SigTst = new("sigTst");
    private static readonly CoseHeaderLabel SigTst2 = new("sigTst2");

    public static SignatureCheck Verify(ReadOnlyMemory<byte> cose, ReadOnlyMemory<byte> claim)
    {
        CoseSign1Message message;
        try
        {
            message = CoseMessage.DecodeSign1(cose.Span);
        }
        catch (Exception ex) when (ex is CryptographicException or CborContentException or InvalidOperationException or ArgumentException)
        {
            return new SignatureCheck(false, "the claim signature is not a readable COSE_Sign1 message: " + ex.Message, null, null, null, null, null);
        }

        var algorithm = ReadAlgorithm(message);
        var signedAt = ReadTimestamp(message);
        var chain = ReadChain(message);
        if (chain.Count == 0)
            return new SignatureCheck(false, "the signature carries no certificate (x5chain)", AlgorithmName(algorithm), null, null, null, signedAt);

        X509Certificate2 leaf;
        try
        {
            leaf = X509CertificateLoader.LoadCertificate(chain[0]);
        }
        catch (CryptographicException ex)
        {
            return new SignatureCheck(false, "the signing certificate cannot be read: " + ex.Message, AlgorithmName(algorithm), null, null, null, signedAt);
        }

        using (leaf)
        {
            var (cn, org) = Names(leaf.SubjectName);
            var (issuerCn, issuerOrg) = Names(leaf.IssuerName);
            var issuer = issuerCn ?? issuerOrg;
            var (valid, note) = Check(message, algorithm, leaf, claim);
            return new SignatureCheck(valid, note, AlgorithmName(algorithm), cn, org, issuer, signedAt);
        }
    }

    private static (bool? Valid, string? Note) Check(CoseSign1Message message, int? algorithm, X509Certificate2 leaf, ReadOnlyMemory<byte> claim)
    {
        if (algorithm == -8)
            return (null, "Ed25519 (EdDSA) signature: not verifiable here, .NET has no Ed25519 verifier");
        AsymmetricAlgorithm? key = algorithm switch
        {
            -7 or -35 or -36 => leaf.GetECDsaPublicKey(),
            -37 or -38 or -39 => RsaKey(leaf),
            null => null,
            _ => null,
        };
        if (algorithm is null)
            return (false, "the signature names no algorithm");
        if (key is null)
        {
            return algorithm is -7 or -35 or -36 or -37 or -38 or -39
                ? (false, $"the certificate's key does not fit the signature algorithm {AlgorithmName(algorithm)}")
                : (null, $"signature algorithm {algorithm} is not verifiable here");
        }
        using (key)
        {
            try
            {
                var ok = message.Content is null
                    ? message.VerifyDetached(key, claim.Span)
                    : message.Content.Value.Span.SequenceEqual(claim.Span) && message.VerifyEmbedded(key);
                return ok ? (true, null) : (false, "the COSE signature does not match the claim bytes");
            }
            catch (Exception ex) when (ex is CryptographicException or InvalidOperationException or ArgumentException)
            {
                return (false, "the COSE signature could not be verified: " + ex.Message);
            }
        }
    }

    // C2PA signers often use certificates whose key is typed id-RSASSA-PSS, which GetRSAPublicKey()
    // refuses; the key bits are the same RSAPublicKey (modulus, exponent), so import them directly.
    private static RSA? RsaKey(X509Certificate2 leaf)
    {
        try
        {
            return leaf.GetRSAPublicKey() ?? ImportRsa(leaf.PublicKey.EncodedKeyValue.RawData);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static RSA ImportRsa(byte[] rsaPublicKey)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportRSAPublicKey(rsaPublicKey, out _);
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static int? ReadAlgorithm(CoseSign1Message message)
    {
        foreach (var headers in (CoseHeaderMap[])[message.ProtectedHeaders, message.UnprotectedHeaders])
        {
            if (!headers.TryGetValue(CoseHeaderLabel.Algorithm, out var value)) continue;
            try { return value.GetValueAsInt32(); }
            catch (Exception ex) when (ex is InvalidOperationException or CborContentException) { return null; }
        }
        return null;
    }

    // x5chain: a single bstr certificate, or an array of them with the signer's first.
    private static List<byte[]> ReadChain(CoseSign1Message message)
    {
        var certs = new List<byte[]>();
        foreach (var headers in (CoseHeaderMap[])[message.ProtectedHeaders, message.UnprotectedHeaders])
        {
            if (!headers.TryGetValue(X5Chain, out var value) && !headers.TryGetValue(X5ChainText, out value)) continue;
            try
            {
                var reader = new CborReader(value.EncodedValue, CborConformanceMode.Lax);
                if (reader.PeekState() == CborReaderState.ByteString)
                {
                    certs.Add(reader.ReadByteString());
                }
                else if (reader.PeekState() == CborReaderState.StartArray)
                {
                    reader.ReadStartArray();
                    while (reader.PeekState() == CborReaderState.ByteString && certs.Count < 16)
                        certs.Add(reader.ReadByteString());
                }
            }
            catch (Exception ex) when (ex is CborContentException or InvalidOperationException)
            {
                // An unreadable chain is reported as "no certificate".
            }
            if (certs.Count > 0) break;
        }
        return certs;
    }

    // sigTst: { "tstTokens": [ { "val": RFC 3161 TimeStampToken } ] }. Only genTime is read; the token's
    // own signature is not verified, so the time is what the signer's time-stamp authority claims.
    private static string? ReadTimestamp(CoseSign1Message message)
    {
        foreach (var headers in (CoseHeaderMap[])[message.UnprotectedHeaders, message.ProtectedHeaders])
        {
            foreach (var label in (CoseHeaderLabel[])[SigTst, SigTst2])
            {
                if (!headers.TryGetValue(label, out var value)) continue;
                var token = FirstToken(value.EncodedValue);
                var time = token is null ? null : GenTime(token);
                if (time is not null)
                    return time.Value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    // The token is a few kB (it carries the TSA's certificates), too big for CborJson's byte-string cap.
    private static byte[]? FirstToken(ReadOnlyMemory<byte> encoded)
    {
        try
        {
            var reader = new CborReader(encoded, CborConformanceMode.Lax);
            if (reader.PeekState() != CborReaderState.StartMap) return null;
            reader.ReadStartMap();
            for (var i = 0; i < 16 && reader.PeekState() != CborReaderState.EndMap; i++)
            {
                var key = reader.PeekState() == CborReaderState.TextString ? reader.ReadTextString() : null;
                if (key is null) { reader.SkipValue(); reader.SkipValue(); continue; }
                if (key != "tstTokens" || reader.PeekState() != CborReaderState.StartArray) { reader.SkipValue(); continue; }
                reader.ReadStartArray();
                if (reader.PeekState() != CborReaderState.StartMap) return null;
                reader.ReadStartMap();
                for (var j = 0; j < 16 && reader.PeekState() != CborReaderState.EndMap; j++)
                {
                    var field = reader.PeekState() == CborReaderState.TextString ? reader.ReadTextString() : null;
                    if (field == "val" && reader.PeekState() == CborReaderState.ByteString)
                        return reader.ReadByteString();
                    if (field is null) reader.SkipValue();
                    reader.SkipValue();
                }
                return null;
            }
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException)
        {
            // An unreadable time-stamp leaves the signing time unknown.
        }
        return null;
    }

    // ContentInfo { contentType, [0] SignedData { version, digestAlgorithms, encapContentInfo
    // { eContentType, [0] OCTET STRING TSTInfo { version, policy, messageImprint, serialNumber, genTime ... } } } }
    internal static DateTimeOffset? GenTime(byte[] token)
    {
        try
        {
            var contentInfo = new AsnReader(token, AsnEncodingRules.BER).ReadSequence();
            contentInfo.ReadObjectIdentifier();
            var signedData = contentInfo.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)).ReadSequence();
            signedData.ReadInteger();
            signedData.ReadSetOf();
            var encap = signedData.ReadSequence();
            encap.ReadObjectIdentifier();
            var tstInfoBytes = encap.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)).ReadOctetString();
            var tstInfo = new AsnReader(tstInfoBytes, AsnEncodingRules.BER).ReadSequence();
            tstInfo.ReadInteger();
            tstInfo.ReadObjectIdentifier();
            tstInfo.ReadSequence();
            tstInfo.ReadInteger();
            return tstInfo.ReadGeneralizedTime();
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    private static (string? CommonName, string? Organization) Names(X500DistinguishedName name)
    {
        string? cn = null, org = null;
        try
        {
            foreach (var rdn in name.EnumerateRelativeDistinguishedNames())
            {
                if (rdn.HasMultipleElements) continue;
                var oid = rdn.GetSingleElementType().Value;
                if (oid == "2.5.4.3") cn ??= rdn.GetSingleElementValue();
                else if (oid == "2.5.4.10") org ??= rdn.GetSingleElementValue();
            }
        }
        catch (CryptographicException)
        {
            // A name that cannot be decoded leaves the fields empty.
        }
        return (cn, org);
    }

    private static string? AlgorithmName(int? algorithm) => algorithm switch
    {
        null => null,
        -7 => "ES256",
        -35 => "ES384",
        -36 => "ES512",
        -37 => "PS256",
        -38 => "PS384",
        -39 => "PS512",
        -8 => "Ed25519",
        _ => algorithm.Value.ToString(CultureInfo.InvariantCulture),
    };
}
