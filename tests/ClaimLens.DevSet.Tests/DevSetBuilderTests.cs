using System.Security.Cryptography;
using OpenCvSharp;

namespace ClaimLens.DevSet.Tests;

public sealed class DevSetBuilderTests : IDisposable
{
    private static readonly DevSetOptions Small = new(Seed: 3, ForgeriesPerPhoto: 4, GenuinePerPhoto: 4, MaxLongSide: 320, MinListingSide: 150);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "claimlens-devset-" + Guid.NewGuid().ToString("N"));

    public DevSetBuilderTests()
    {
        var photos = Directory.CreateDirectory(Path.Combine(_root, "photos")).FullName;
        for (var i = 0; i < 3; i++)
        {
            // The third photo is larger than MaxLongSide and must be downscaled.
            using var image = TestImages.Textured(40 + i, i == 2 ? 640 : 300, i == 2 ? 400 : 220);
            Cv2.ImWrite(Path.Combine(photos, $"photo {i}.jpg"), image);
        }
        // Bad input tried: a text file, and a .jpg that is not a JPEG; both must be skipped, not crash the build.
        File.WriteAllText(Path.Combine(photos, "notes.txt"), "not a photo");
        File.WriteAllBytes(Path.Combine(photos, "broken.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46]);
        var c2pa = Directory.CreateDirectory(Path.Combine(_root, "c2pa")).FullName;
        File.WriteAllBytes(Path.Combine(c2pa, "E-sig-CA.jpg"), [0xFF, 0xD8, 0xFF, 0xD9]);
        File.WriteAllBytes(Path.Combine(c2pa, "C.jpg"), [0xFF, 0xD8, 0xFF, 0xD9]);
        File.WriteAllBytes(Path.Combine(c2pa, "no_manifest.jpg"), [0xFF, 0xD8, 0xFF, 0xD9]);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private int Build(string name) =>
        DevSetBuilder.Build(Path.Combine(_root, "photos"), Path.Combine(_root, "c2pa"), Path.Combine(_root, name), Small);

    private static List<string[]> Rows(string dir) =>
        File.ReadAllLines(Path.Combine(dir, "manifest.csv")).Skip(1).Select(l => l.Split(',')).ToList();

    [Fact]
    public void Build_ThreePhotos_EveryRowPointsAtExistingFiles()
    {
        var count = Build("out");
        var dir = Path.Combine(_root, "out");
        var lines = File.ReadAllLines(Path.Combine(dir, "manifest.csv"));
        Assert.Equal("image,refs,label,mask,kind,expect", lines[0]);
        var rows = Rows(dir);
        // 3 photos × (4 forged + 1 unedited + 4 genuine + 3 siblings) + 3 C2PA files.
        Assert.Equal(3 * (4 + 1 + 4 + 3) + 3, count);
        Assert.Equal(count, rows.Count);
        foreach (var row in rows)
        {
            Assert.Equal(6, row.Length);
            Assert.True(File.Exists(Path.Combine(dir, row[0])), row[0]);
            foreach (var reference in row[1].Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.True(File.Exists(Path.Combine(dir, reference)), reference);
                Assert.NotEqual(row[0], reference);
            }
            Assert.Contains(row[2], new[] { "forged", "genuine" });
            // Tampered C2PA fixtures are forged too, but they are not derivation pairs: no references, no mask.
            if (row[2] == "forged" && row[4] != "c2pa")
            {
                using var claim = Cv2.ImRead(Path.Combine(dir, row[0]));
                using var mask = Cv2.ImRead(Path.Combine(dir, row[3]), ImreadModes.Grayscale);
                Assert.Equal(claim.Size(), mask.Size());
                Assert.Equal(3, row[1].Split(';').Length);
                Assert.StartsWith("forged/", row[4], StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal("", row[3]);
            }
        }
        Assert.True(File.Exists(Path.Combine(dir, "README.md")));
    }

    [Fact]
    public void Build_Composition_CoversEveryGenuineKindAndC2paExpectations()
    {
        Build("out");
        var rows = Rows(Path.Combine(_root, "out"));
        var kinds = rows.Select(r => r[4]).ToHashSet();
        foreach (var kind in new[] { "genuine/unrelated", "genuine/rephoto", "genuine/rephoto-original", "genuine/rephoto-transformed", "forged/unedited", "forged/sibling", "c2pa" })
        {
            Assert.Contains(kind, kinds);
        }
        var c2pa = rows.Where(r => r[4] == "c2pa").ToDictionary(r => r[0], r => r[5]);
        Assert.Equal("c2pa_manifest;c2pa_signature_invalid", c2pa["c2pa/E-sig-CA.jpg"]);
        Assert.Equal("c2pa_manifest", c2pa["c2pa/C.jpg"]);
        Assert.Equal("", c2pa["c2pa/no_manifest.jpg"]);
        // Three photos leave two others to stand as unrelated references.
        Assert.All(rows.Where(r => r[4] == "genuine/unrelated"), r => Assert.Equal(2, r[1].Split(';').Length));
    }

    [Fact]
    public void Build_ForgedRows_MasksAreNonEmptyExceptUnedited()
    {
        Build("out");
        var dir = Path.Combine(_root, "out");
        foreach (var row in Rows(dir).Where(r => r[2] == "forged" && r[4] != "c2pa"))
        {
            using var mask = Cv2.ImRead(Path.Combine(dir, row[3]), ImreadModes.Grayscale);
            var changed = Cv2.CountNonZero(mask);
            if (row[4] == "forged/unedited") Assert.Equal(0, changed);
            else Assert.True(changed > 0, $"{row[0]} has an empty mask");
        }
    }

    [Fact]
    public void Build_PhotoBelowMinListingSide_GivesNoRowsButOthersAreUnchanged()
    {
        Build("all");
        // Photos 0 and 1 have short sides of 220 px, photo 2 200 px after its reduction to 320 px: a minimum of
        // 210 px leaves only photo 2 out.
        var count = DevSetBuilder.Build(Path.Combine(_root, "photos"), Path.Combine(_root, "c2pa"), Path.Combine(_root, "some"),
            Small with { MinListingSide = 210 });

        var all = Rows(Path.Combine(_root, "all"));
        var some = Rows(Path.Combine(_root, "some"));
        Assert.Equal(2 * (4 + 1 + 4 + 3) + 3, count);
        Assert.Contains(all, r => r[0].StartsWith("claims/photo_2", StringComparison.Ordinal));
        Assert.DoesNotContain(some, r => r[0].StartsWith("claims/photo_2", StringComparison.Ordinal));
        // The other photos' rows are the same rows, byte for byte, as each photo draws from its own generator.
        foreach (var row in some.Where(r => r[4] != "c2pa"))
        {
            Assert.Contains(all, r => r.SequenceEqual(row));
            Assert.Equal(
                SHA256.HashData(File.ReadAllBytes(Path.Combine(_root, "all", row[0]))),
                SHA256.HashData(File.ReadAllBytes(Path.Combine(_root, "some", row[0]))));
        }
    }

    [Fact]
    public void Build_SiblingRows_AreAddedWithoutChangingAnyOtherRow()
    {
        Build("with");
        var count = DevSetBuilder.Build(Path.Combine(_root, "photos"), Path.Combine(_root, "c2pa"), Path.Combine(_root, "without"),
            Small with { SiblingsPerPhoto = 0 });

        var with = Rows(Path.Combine(_root, "with"));
        var without = Rows(Path.Combine(_root, "without"));
        Assert.Equal(3 * (4 + 1 + 4) + 3, count);
        Assert.Equal(9, with.Count(r => r[4] == "forged/sibling"));
        Assert.DoesNotContain(without, r => r[4] == "forged/sibling");
        foreach (var row in without.Where(r => r[4] != "c2pa"))
        {
            Assert.Contains(with, r => r.SequenceEqual(row));
            Assert.Equal(
                SHA256.HashData(File.ReadAllBytes(Path.Combine(_root, "with", row[0]))),
                SHA256.HashData(File.ReadAllBytes(Path.Combine(_root, "without", row[0]))));
        }
    }

    [Fact]
    public void Build_UntransformedSibling_IsTheListingOutsideTheEditButNotItsPixels()
    {
        Build("out");
        var dir = Path.Combine(_root, "out");
        var siblings = Rows(dir).Where(r => r[4] == "forged/sibling" && r[0].EndsWith("_none.jpg", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(siblings);
        foreach (var row in siblings)
        {
            using var claim = Cv2.ImRead(Path.Combine(dir, row[0]), ImreadModes.Grayscale);
            using var mask = Cv2.ImRead(Path.Combine(dir, row[3]), ImreadModes.Grayscale);
            var source = row[1].Split(';').Single(r => row[0].StartsWith("claims/" + Path.GetFileNameWithoutExtension(r) + "_s", StringComparison.Ordinal));
            using var reference = Cv2.ImRead(Path.Combine(dir, source), ImreadModes.Grayscale);
            Assert.Equal(reference.Size(), claim.Size());
            using var outside = new Mat();
            Cv2.BitwiseNot(mask, outside);
            Cv2.Erode(outside, outside, new Mat(), iterations: 8);
            using var difference = new Mat();
            Cv2.Absdiff(claim, reference, difference);
            var mean = Cv2.Mean(difference, outside).Val0;
            // Another encoding of the same original: close everywhere the edit is not, but not the same pixels.
            Assert.InRange(mean, 0.05, 4.0);
        }
    }

    [Fact]
    public void Build_SameSeedTwice_SameManifestAndFiles()
    {
        Build("a");
        Build("b");
        var a = File.ReadAllBytes(Path.Combine(_root, "a", "manifest.csv"));
        var b = File.ReadAllBytes(Path.Combine(_root, "b", "manifest.csv"));
        Assert.Equal(a, b);
        foreach (var row in Rows(Path.Combine(_root, "a")))
        {
            Assert.Equal(
                SHA256.HashData(File.ReadAllBytes(Path.Combine(_root, "a", row[0]))),
                SHA256.HashData(File.ReadAllBytes(Path.Combine(_root, "b", row[0]))));
        }
    }

    [Fact]
    public void Build_MissingPhotosFolder_Throws()
    {
        // Bad input tried: a photos folder that does not exist.
        Assert.Throws<DirectoryNotFoundException>(() =>
            DevSetBuilder.Build(Path.Combine(_root, "nowhere"), null, Path.Combine(_root, "out"), Small));
    }
}
