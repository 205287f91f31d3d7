using ClaimLens.Forensics.Reuse;

namespace ClaimLens.Forensics.Tests.Reuse;

public sealed class ReuseIndexFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("claimlens-reuse-").FullName;

    private string PathOf(string name) => Path.Combine(_folder, name);

    [Fact]
    public void OpenOrCreate_SaveAndReopen_FindsSourcesAgain()
    {
        var path = PathOf("index.clri");
        var file = ReuseIndexFile.OpenOrCreate(path);
        Assert.Equal(0, file.Stats.Count);
        file.Add(new PerceptualHash(0xF0F0F0F0F0F0F0F0UL, 0), "claims/2026/c-1001/photo-1.jpg");
        file.Add(new PerceptualHash(0x0F0F0F0F0F0F0F0FUL, 0), "商家A/退款/照片2.jpg");
        file.Add(new PerceptualHash(0xF0F0F0F0F0F0F0F3UL, 0), "claims/2026/c-1001/photo-1.jpg");
        file.Save();

        var reopened = ReuseIndexFile.OpenOrCreate(path);
        var stats = reopened.Stats;
        Assert.Equal(3, stats.Count);
        Assert.Equal(2, stats.Sources);
        Assert.Equal(new FileInfo(path).Length, stats.FileBytes);
        Assert.Equal(ReuseIndex.DefaultMaxDistance, stats.MaxDistance);

        var matches = reopened.Find([new PerceptualHash(0x0F0F0F0F0F0F0F0CUL, 0)]);
        var match = Assert.Single(matches);
        Assert.Equal("商家A/退款/照片2.jpg", match.Source);
        Assert.Equal(2, match.Distance);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void OpenOrCreate_TruncatedOrForeignFile_ThrowsInvalidDataNamingTheFile()
    {
        // Bad input tried: the file cut inside the source table, cut inside the index, a JPEG renamed, empty.
        var path = PathOf("good.clri");
        var file = ReuseIndexFile.OpenOrCreate(path);
        for (var i = 0; i < 100; i++) file.Add(new PerceptualHash((ulong)i * 0x9E3779B97F4A7C15UL, (ulong)i), $"photo-{i}.jpg");
        file.Save();
        var bytes = File.ReadAllBytes(path);

        foreach (var (name, content) in new[]
        {
            ("in-sources.clri", bytes[..40]),
            ("in-index.clri", bytes[..(bytes.Length - 100)]),
            ("photo.clri", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1 }),
            ("empty.clri", Array.Empty<byte>()),
        })
        {
            var bad = PathOf(name);
            File.WriteAllBytes(bad, content);
            var error = Assert.Throws<InvalidDataException>(() => ReuseIndexFile.OpenOrCreate(bad));
            Assert.Contains(bad, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void OpenOrCreate_KeyBeyondTheSourceTable_ThrowsInvalidData()
    {
        // Bad input tried: an intact index whose key points past the recorded sources.
        var path = PathOf("keys.clri");
        using (var stream = File.Create(path))
        {
            stream.Write("CLRF"u8);
            stream.Write([1, 0, 0, 0, 0, 0, 0, 0]); // version 1, reserved, zero sources
            stream.Write(BitConverter.GetBytes(14695981039346656037UL)); // checksum of no sources
            var index = new ReuseIndex();
            index.Add(new PerceptualHash(1, 2), 5);
            index.Save(stream);
        }
        var error = Assert.Throws<InvalidDataException>(() => ReuseIndexFile.OpenOrCreate(path));
        Assert.Contains("source", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_CroppedRecompressedCopyOfAnIndexedScene_NamesItsSourceAndNothingElse()
    {
        var path = PathOf("scenes.clri");
        var file = ReuseIndexFile.OpenOrCreate(path);
        for (var seed = 200; seed < 210; seed++)
        {
            using var scene = Scenes.Draw(seed);
            file.Add(Fingerprinter.Compute(scene), $"claim-{seed}.jpg");
        }
        file.Save();
        var reopened = ReuseIndexFile.OpenOrCreate(path);

        using var original = Scenes.Draw(204);
        using var cropped = NearCopies.Crop(original, 0.06, 0.0, 0.0, 0.03);
        using var copy = NearCopies.Jpeg(NearCopies.Resize(cropped, 0.4), 50);
        var match = Assert.Single(reopened.Find(Fingerprinter.ComputeProbes(copy)));
        Assert.Equal("claim-204.jpg", match.Source);

        using var unrelated = Scenes.Draw(999);
        Assert.Empty(reopened.Find(Fingerprinter.ComputeProbes(unrelated)));
    }

    [Fact]
    public void OpenOrCreate_RandomByteDamage_OnlyEverThrowsInvalidData()
    {
        // Bad input tried: 200 copies of a saved file with 1-3 random bytes changed, some also cut short.
        var path = PathOf("gremlin-source.clri");
        var file = ReuseIndexFile.OpenOrCreate(path);
        for (var i = 0; i < 50; i++) file.Add(new PerceptualHash((ulong)i * 0x9E3779B97F4A7C15UL, ~(ulong)i), $"photo-{i}.jpg");
        file.Save();
        var good = File.ReadAllBytes(path);
        var random = new Random(3);
        var bad = PathOf("gremlin.clri");
        for (var trial = 0; trial < 200; trial++)
        {
            var bytes = (byte[])good.Clone();
            for (var k = random.Next(1, 4); k > 0; k--) bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
            File.WriteAllBytes(bad, trial % 2 == 0 ? bytes : bytes[..random.Next(bytes.Length / 2, bytes.Length)]);
            Assert.Throws<InvalidDataException>(() => ReuseIndexFile.OpenOrCreate(bad));
        }
    }

    [Fact]
    public void Add_OverlongOrEmptySource_Throws()
    {
        var file = ReuseIndexFile.OpenOrCreate(PathOf("x.clri"));
        Assert.Throws<ArgumentException>(() => file.Add(default, new string('x', ReuseIndexFile.MaxSourceBytes + 1)));
        Assert.Throws<ArgumentException>(() => file.Add(default, ""));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
