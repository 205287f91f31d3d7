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

    public PhotoRows(string outDir, IReadOnlyList<string> refFiles, int index, DevSetOptions options)
    {
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
        return rows;
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

    private ManifestRow Derived(Mat image, Mat mask, TransformKind transform, string name, string kind)
    {
        var result = PhoneTransform.ApplyEncoded(image, mask, transform, _rng);
        using (result.Image)
        using (result.Mask)
        {
            var claim = WriteJpeg(name, result.Encoded ?? Pixels.EncodeJpeg(result.Image, _rng.Next(85, 96)));
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
