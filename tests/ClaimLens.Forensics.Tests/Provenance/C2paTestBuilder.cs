using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using OpenCvSharp;

namespace ClaimLens.Forensics.Tests.Provenance;

/// <summary>Builds small C2PA manifest stores and embeds them in generated JPEGs and PNGs, so the reader's
/// core behaviour is tested without the shared fixtures.</summary>
internal static class C2paTestBuilder
{
    public const string ManifestLabel = "urn:uuid:claimlens-test-manifest";

    public enum Signing { EcdsaP256, RsaPss384, Ed25519Placeholder, None }

    /// <summary>A small real JPEG drawn with OpenCV.</summary>
    public static byte[] Jpeg(int width = 64, int height = 48)
    {
        using var image = new Mat(height, width, MatType.CV_8UC3, new Scalar(40, 90, 160));
        Cv2.Circle(image, new Point(width / 2, height / 2), Math.Min(width, height) / 3, new Scalar(230, 230, 230), -1);
        return image.ImEncode(".jpg");
    }

    public static byte[] Png(int width = 32, int height = 24)
    {
        using var image = new Mat(height, width, MatType.CV_8UC3, new Scalar(10, 200, 30));
        return image.ImEncode(".png");
    }

    /// <summary>A JPEG carrying a signed manifest whose c2pa.hash.data binds it. Extra assertions are
    /// added to the store and referenced from the claim.</summary>
    public static byte[] SignedJpeg(byte[] jpeg, Signing signing, params (string Label, byte[] Cbor)[] extra) =>
        SignedJpegWithBoxes(jpeg, signing, "c2pa.hash.data", extra.Select(e => (e.Label, CborAssertion(e.Label, e.Cbor))).ToArray());

    /// <summary>Like <see cref="SignedJpeg"/>, with ready-made assertion superboxes and a chosen label for the
    /// binding assertion (e.g. c2pa.hash.boxes, which the reader does not verify).</summary>
    public static byte[] SignedJpegWithBoxes(byte[] jpeg, Signing signing, string bindingLabel, params (string Label, byte[] Box)[] extra) =>
        SignedJpegCore(jpeg, signing, bindingLabel, referenceBinding: true, extra);

    /// <summary>A correct c2pa.hash.data that the claim does not reference: a binding nobody signed.</summary>
    public static byte[] SignedJpegWithUnreferencedBinding(byte[] jpeg) =>
        SignedJpegCore(jpeg, Signing.EcdsaP256, "c2pa.hash.data", referenceBinding: false, []);

    private static byte[] SignedJpegCore(byte[] jpeg, Signing signing, string bindingLabel, bool referenceBinding, (string Label, byte[] Box)[] extra)
    {
        var imageHash = SHA256.HashData(jpeg);
        long length = 0;
        byte[] file = [];
        // The exclusion length depends on the store size, which depends on how the length is encoded: settle it.
        for (var i = 0; i < 5; i++)
        {
            var store = Store(ManifestWithBoxes(signing, bindingLabel, DataHash(2, length, imageHash), extra, referenceBinding));
            file = InsertApp11(jpeg, [store], 65_000);
            var inserted = file.Length - jpeg.Length;
            if (inserted == length) break;
            length = inserted;
        }
        return file;
    }

    public static byte[] SignedPng(byte[] png, Signing signing)
    {
        var imageHash = SHA256.HashData(png);
        long length = 0;
        byte[] file = [];
        for (var i = 0; i < 5; i++)
        {
            var store = Store(Manifest(signing, DataHash(33, length, imageHash)));
            file = InsertPngChunk(png, "caBX", store);
            var inserted = file.Length - png.Length;
            if (inserted == length) break;
            length = inserted;
        }
        return file;
    }

    public static byte[] DataHash(long start, long length, byte[] hash)
    {
        var w = new CborWriter();
        w.WriteStartMap(4);
        w.WriteTextString("exclusions");
        w.WriteStartArray(1);
        w.WriteStartMap(2);
        w.WriteTextString("start"); w.WriteInt64(start);
        w.WriteTextString("length"); w.WriteInt64(length);
        w.WriteEndMap();
        w.WriteEndArray();
        w.WriteTextString("name"); w.WriteTextString("jumbf manifest");
        w.WriteTextString("alg"); w.WriteTextString("sha256");
        w.WriteTextString("hash"); w.WriteByteString(hash);
        w.WriteEndMap();
        return w.Encode();
    }

    /// <summary>c2pa.actions with one action stating <paramref name="sourceType"/>.</summary>
    public static byte[] Actions(string action, string sourceType)
    {
        var w = new CborWriter();
        w.WriteStartMap(1);
        w.WriteTextString("actions");
        w.WriteStartArray(1);
        w.WriteStartMap(3);
        w.WriteTextString("action"); w.WriteTextString(action);
        w.WriteTextString("softwareAgent"); w.WriteTextString("Test Generator 1.0");
        w.WriteTextString("digitalSourceType"); w.WriteTextString(sourceType);
        w.WriteEndMap();
        w.WriteEndArray();
        w.WriteEndMap();
        return w.Encode();
    }

    /// <summary>A 'c2ma' superbox: assertion store, claim, claim signature.</summary>
    public static byte[] Manifest(Signing signing, byte[] dataHash, params (string Label, byte[] Cbor)[] extra) =>
        ManifestWithBoxes(signing, "c2pa.hash.data", dataHash, extra.Select(e => (e.Label, CborAssertion(e.Label, e.Cbor))).ToArray());

    private static byte[] ManifestWithBoxes(Signing signing, string bindingLabel, byte[] dataHash, (string Label, byte[] Box)[] extra, bool referenceBinding = true)
    {
        var assertions = new List<(string Label, byte[] Box)> { (bindingLabel, CborAssertion(bindingLabel, dataHash)) };
        assertions.AddRange(extra);
        var assertionStore = Superbox("c2as", "c2pa.assertions", assertions.Select(a => a.Box).ToArray());

        var claim = Claim(referenceBinding ? assertions : assertions.Skip(1).ToList());
        var claimBox = Superbox("c2cl", "c2pa.claim", Box("cbor", claim));
        var signatureBox = Superbox("c2cs", "c2pa.signature", Box("cbor", Sign(claim, signing)));
        return Superbox("c2ma", ManifestLabel, assertionStore, claimBox, signatureBox);
    }

    public static byte[] Store(params byte[][] manifests) => Superbox("c2pa", "c2pa", manifests);

    public static byte[] CborAssertion(string label, byte[] cbor) => Superbox("cbor", label, Box("cbor", cbor));

    public static byte[] JsonAssertion(string label, string json) => Superbox("json", label, Box("json", Encoding.UTF8.GetBytes(json)));

    private static byte[] Claim(List<(string Label, byte[] Box)> assertions)
    {
        var w = new CborWriter();
        w.WriteStartMap(5);
        w.WriteTextString("claim_generator"); w.WriteTextString("ClaimLens test builder/1.0");
        w.WriteTextString("dc:title"); w.WriteTextString("generated.jpg");
        w.WriteTextString("alg"); w.WriteTextString("sha256");
        w.WriteTextString("signature"); w.WriteTextString("self#jumbf=c2pa.signature");
        w.WriteTextString("assertions");
        w.WriteStartArray(assertions.Count);
        foreach (var (label, box) in assertions)
        {
            w.WriteStartMap(2);
            w.WriteTextString("url"); w.WriteTextString("self#jumbf=c2pa.assertions/" + label);
            // The hashed URI covers the superbox without its LBox/TBox header.
            w.WriteTextString("hash"); w.WriteByteString(SHA256.HashData(box.AsSpan(8)));
            w.WriteEndMap();
        }
        w.WriteEndArray();
        w.WriteEndMap();
        return w.Encode();
    }

    // Keys and certificates are made once: their encoded size must not change between the passes that
    // settle the exclusion length, and key generation is slow.
    private static readonly DateTimeOffset NotBefore = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NotAfter = new(2040, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<(ECDsa Key, byte[] Cert)> Ecdsa = new(() =>
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = new CertificateRequest("CN=Test Signer, O=ClaimLens Tests", key, HashAlgorithmName.SHA256).CreateSelfSigned(NotBefore, NotAfter);
        return (key, cert.RawData);
    });
    private static readonly Lazy<(RSA Key, byte[] Cert)> Rsa = new(() =>
    {
        var key = RSA.Create(2048);
        using var cert = new CertificateRequest("CN=Rsa Signer, O=ClaimLens Tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pss).CreateSelfSigned(NotBefore, NotAfter);
        return (key, cert.RawData);
    });

    private static byte[] Sign(byte[] claim, Signing signing)
    {
        switch (signing)
        {
            case Signing.EcdsaP256:
                return CoseSign1Message.SignDetached(claim, new CoseSigner(Ecdsa.Value.Key, HashAlgorithmName.SHA256, ChainHeader(Ecdsa.Value.Cert)));
            case Signing.RsaPss384:
                return CoseSign1Message.SignDetached(claim, new CoseSigner(Rsa.Value.Key, RSASignaturePadding.Pss, HashAlgorithmName.SHA384, ChainHeader(Rsa.Value.Cert)));
            case Signing.Ed25519Placeholder:
            {
                // .NET cannot sign EdDSA: hand-build COSE_Sign1_Tagged [protected {1: -8, 33: cert}, {}, nil, sig].
                var p = new CborWriter();
                p.WriteStartMap(2);
                p.WriteInt32(1); p.WriteInt32(-8);
                p.WriteInt32(33); p.WriteByteString(Ecdsa.Value.Cert);
                p.WriteEndMap();
                var w = new CborWriter();
                w.WriteTag((CborTag)18);
                w.WriteStartArray(4);
                w.WriteByteString(p.Encode());
                w.WriteStartMap(0); w.WriteEndMap();
                w.WriteNull();
                w.WriteByteString(new byte[64]);
                w.WriteEndArray();
                return w.Encode();
            }
            default:
                return [0xF6]; // CBOR null: an unsigned manifest
        }
    }

    private static CoseHeaderMap ChainHeader(byte[] certificate)
    {
        var w = new CborWriter();
        w.WriteStartArray(1);
        w.WriteByteString(certificate);
        w.WriteEndArray();
        return new CoseHeaderMap { [new CoseHeaderLabel(33)] = CoseHeaderValue.FromEncodedValue(w.Encode()) };
    }

    public static byte[] Box(string type, byte[] payload)
    {
        var box = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        Encoding.ASCII.GetBytes(type, box.AsSpan(4));
        payload.CopyTo(box, 8);
        return box;
    }

    /// <summary>'jumb' { 'jumd' { UUID = fourcc + 0011-0010-8000-00AA00389B71, toggles 0x03, label\0 }, children... }.</summary>
    public static byte[] Superbox(string fourcc, string label, params byte[][] children)
    {
        var description = new List<byte>(Encoding.ASCII.GetBytes(fourcc));
        description.AddRange([0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71, 0x03]);
        description.AddRange(Encoding.UTF8.GetBytes(label));
        description.Add(0);
        var payload = new List<byte>(Box("jumd", [.. description]));
        foreach (var c in children)
            payload.AddRange(c);
        return Box("jumb", [.. payload]);
    }

    /// <summary>Inserts each store as its own APP11 instance right after SOI, split into segments of at
    /// most <paramref name="chunk"/> box bytes; later segments repeat the superbox header (8 bytes, 16 with XLBox).</summary>
    public static byte[] InsertApp11(byte[] jpeg, IReadOnlyList<byte[]> stores, int chunk, int firstInstance = 0, int at = 2)
    {
        var segments = new List<byte>();
        for (var instance = firstInstance; instance < firstInstance + stores.Count; instance++)
        {
            var store = stores[instance - firstInstance];
            var header = store.AsSpan(0, BinaryPrimitives.ReadUInt32BigEndian(store) == 1 ? 16 : 8).ToArray();
            var pos = 0;
            for (uint seq = 1; pos < store.Length; seq++)
            {
                var take = Math.Min(chunk, store.Length - pos);
                var body = new List<byte>();
                body.AddRange("JP"u8.ToArray());
                body.Add((byte)(instance >> 8)); body.Add((byte)instance);
                var s = new byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(s, seq);
                body.AddRange(s);
                if (seq > 1) body.AddRange(header);
                body.AddRange(store.AsSpan(pos, take).ToArray());
                pos += take;
                segments.AddRange([0xFF, 0xEB, (byte)((body.Count + 2) >> 8), (byte)(body.Count + 2)]);
                segments.AddRange(body);
            }
        }
        return [.. jpeg.AsSpan(0, at), .. segments, .. jpeg.AsSpan(at)];
    }

    /// <summary>The same box with its length moved to a 64-bit XLBox (LBox = 1).</summary>
    public static byte[] WithExtendedLength(byte[] box)
    {
        var extended = new byte[box.Length + 8];
        BinaryPrimitives.WriteUInt32BigEndian(extended, 1);
        box.AsSpan(4, 4).CopyTo(extended.AsSpan(4));
        BinaryPrimitives.WriteUInt64BigEndian(extended.AsSpan(8), (ulong)extended.Length);
        box.AsSpan(8).CopyTo(extended.AsSpan(16));
        return extended;
    }

    /// <summary>Inserts a chunk right after IHDR (PNG signature 8 bytes + IHDR chunk 25 bytes).</summary>
    public static byte[] InsertPngChunk(byte[] png, string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return [.. png.AsSpan(0, 33), .. chunk, .. png.AsSpan(33)];
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
