using OpenCvSharp;

namespace ClaimLens.DevSet;

/// <summary>All rows made from one reference photo: edited copies, unedited copies and genuine claims.</summary>
internal sealed class PhotoRows
{
    private const string Claims = "claims";
    private const string Masks = "masks";
    private const int DecoyCount = 2;

    private static readonly string[] GenuineKinds = ["unrelated", "rephoto", "rephoto-original", "rephoto-transformed"];
    private static readonly TransformKind[] RephotoTransforms =
        [TransformKind.Resize50, TransformKind.Jpeg40, TransformKind.Screenshot, TransformKind.Resize25, TransformKind.CropHalf, TransformKind.Combined, TransformKind.DoubleResave, TransformKind.RotateSmall];

    private readonly string _outDir;
    private readonly IReadOnlyList<string> _refFiles;
    private readonly int _index;
    private readonly DevSetOptions _options;
    private readonly Random _rng;
    private readonly string _stem;
    private readonly string? _source;

    // source: the photo the reference was made from, for sibling rows (null: none).
    public PhotoRows(string outDir, IReadOnlyList<string> refFiles, int index, DevSetOptions options, string? source = null)
    {
        _source = source;
        _outDir = outDir;
        _refFiles = refFiles;
        _index = index;
        _options = options;
        // Per-photo generator from the seed and the photo's place only: the order threads run in cannot matter.
        _rng = new Random(unchecked((options.Seed * 1_000_003) + (index * 7919) + 17));
        _stem = Path.GetFileNameWithoutExtension(refFiles[index]);
    }

    public List<ManifestRow> Make()
    {
        var rows = new List<ManifestRow>();
        using var reference = Cv2.ImRead(Path.Combine(_outDir, _refFiles[_index]), ImreadModes.Color);
        // A photo this small is no listing photo: platforms ask for 700 px and more, and a quarter-size copy of a
        // 140 px photo would be a 35 px claim no reviewer would read. It still serves as another photo's decoy; the
        // other photos' rows do not change, since each draws from its own generator.
        if (reference.Empty() || Math.Min(reference.Width, reference.Height) < _options.MinListingSide) return rows;
        var forgeryKinds = Enum.GetValues<ForgeryKind>();
        var transforms = Enum.GetValues<TransformKind>();
        var combos = forgeryKinds.Length * transforms.Length;
        for (var j = 0; j < _options.ForgeriesPerPhoto; j++)
        {
            var combo = ((_index * _options.ForgeriesPerPhoto) + j) % combos;
            rows.Add(Forged(reference, forgeryKinds[combo % forgeryKinds.Length], transforms[combo / forgeryKinds.Length], j));
        }
        rows.Add(Unedited(reference, transforms[_index % transforms.Length]));
        for (var g = 0; g < _options.GenuinePerPhoto; g++)
        {
            var strength = (RephotoStrength)((_index + g) % 3);
            rows.Add(Genuine(reference, GenuineKinds[g % GenuineKinds.Length], strength, g));
        }
        rows.AddRange(Siblings(forgeryKinds, transforms));
        return rows;
    }

    /// <summary>Forgeries painted on the platform's re-encode of the merchant's original (quality 75-90), not on the
    /// reference file: the buyer downloads the listing from the shop, while the desk holds what the merchant uploaded.
    /// The two are siblings, with different compression noise. Their own generator, so the other rows do not change.</summary>
    private IEnumerable<ManifestRow> Siblings(ForgeryKind[] forgeryKinds, TransformKind[] transforms)
    {
        if (_source is null || _options.SiblingsPerPhoto == 0) yield break;
        using var master = DevSetBuilder.Master(_source, _options.MaxLongSide);
        if (master is null) yield break;
        var rng = new Random(unchecked((_options.Seed * 1_000_003) + (_index * 7919) + 29));
        using var platform = Pixels.JpegRoundTrip(master, rng.Next(75, 91));
        for (var s = 0; s < _options.SiblingsPerPhoto; s++)
        {
            var kind = forgeryKinds[(_index + s) % forgeryKinds.Length];
            // Transforms that keep the claim near the listing's size, where the noise cue speaks.
            var transform = (s % 3) switch { 0 => TransformKind.None, 1 => TransformKind.DoubleResave, _ => TransformKind.Resize50 };
            var name = $"{_stem}_s{s:00}_{Lower(kind)}_{Lower(transform)}";
            var (edited, mask) = Forgery.Apply(platform, kind, rng, rng.LogUniform(0.005, 0.08));
            using (edited)
            using (mask)
            {
                yield return Derived(edited, mask, transform, name, "forged/sibling", rng);
            }
        }
    }

    private ManifestRow Forged(Mat reference, ForgeryKind kind, TransformKind transform, int j)
    {
        var area = _rng.LogUniform(0.005, 0.08);
        var name = $"{_stem}_f{j:00}_{Lower(kind)}_{Lower(transform)}";
        var (edited, mask) = Forgery.Apply(reference, kind, _rng, area);
        using (edited)
        using (mask)
        {
            return Derived(edited, mask, transform, name, "forged/" + Lower(transform));
        }
    }

    private ManifestRow Unedited(Mat reference, TransformKind transform)
    {
        using var mask = new Mat(reference.Size(), MatType.CV_8UC1, Scalar.All(0));
        return Derived(reference, mask, transform, $"{_stem}_unedited_{Lower(transform)}", "forged/unedited");
    }

    private ManifestRow Derived(Mat image, Mat mask, TransformKind transform, string name, string kind, Random? rng = null)
    {
        rng ??= _rng;
        var result = PhoneTransform.ApplyEncoded(image, mask, transform, rng);
        using (result.Image)
        using (result.Mask)
        {
            var claim = WriteJpeg(name, result.Encoded ?? Pixels.EncodeJpeg(result.Image, rng.Next(85, 96)));
            var maskPath = $"{Masks}/{name}.png";
            Cv2.ImWrite(Path.Combine(_outDir, maskPath), result.Mask);
            return new ManifestRow(claim, Shuffle([_refFiles[_index], .. Decoys(DecoyCount)]), "forged", maskPath, kind);
        }
    }

    private ManifestRow Genuine(Mat reference, string genuineKind, RephotoStrength strength, int g)
    {
        var name = $"{_stem}_g{g:00}_{genuineKind}_{Lower(strength)}";
        var kind = "genuine/" + genuineKind;
        switch (genuineKind)
        {
            case "unrelated":
                return new ManifestRow(_refFiles[_index], Shuffle(Decoys(3)), "genuine", "", kind);
            case "rephoto":
            {
                // Merchant and buyer both took a photograph of the same flat scene: two independent exposures.
                var merchant = WriteJpeg(name + "_ref", Rephotograph.SimulateEncoded(reference, _rng, strength));
                var claim = WriteJpeg(name, Rephotograph.SimulateEncoded(reference, _rng, strength));
                return new ManifestRow(claim, Shuffle([merchant, .. Decoys(DecoyCount)]), "genuine", "", kind);
            }
            case "rephoto-original":
            {
                var claim = WriteJpeg(name, Rephotograph.SimulateEncoded(reference, _rng, strength));
                return new ManifestRow(claim, Shuffle([_refFiles[_index], .. Decoys(DecoyCount)]), "genuine", "", kind);
            }
            default:
            {
                var transform = RephotoTransforms[(_index + g) % RephotoTransforms.Length];
                using var photo = Rephotograph.Simulate(reference, _rng, strength);
                using var none = new Mat(photo.Size(), MatType.CV_8UC1, Scalar.All(0));
                var result = PhoneTransform.ApplyEncoded(photo, none, transform, _rng);
                using (result.Image)
                using (result.Mask)
                {
                    var claim = WriteJpeg($"{name}_{Lower(transform)}", result.Encoded ?? Pixels.EncodeJpeg(result.Image, _rng.Next(85, 96)));
                    return new ManifestRow(claim, Shuffle([_refFiles[_index], .. Decoys(DecoyCount)]), "genuine", "", kind);
                }
            }
        }
    }

    private string WriteJpeg(string name, byte[] bytes)
    {
        var relative = $"{Claims}/{name}.jpg";
        File.WriteAllBytes(Path.Combine(_outDir, relative), bytes);
        return relative;
    }

    /// <summary>Other photos' references, distinct, chosen at random; never this photo.</summary>
    private List<string> Decoys(int count)
    {
        var others = Enumerable.Range(0, _refFiles.Count).Where(i => i != _index).ToList();
        var picked = new List<string>();
        while (picked.Count < count && others.Count > 0)
        {
            var k = _rng.Next(others.Count);
            picked.Add(_refFiles[others[k]]);
            others.RemoveAt(k);
        }
        return picked;
    }

    private List<string> Shuffle(List<string> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var k = _rng.Next(i + 1);
            (items[i], items[k]) = (items[k], items[i]);
        }
        return items;
    }

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
