using ClaimLens.Forensics.Reuse;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Reuse;

public sealed class CalibrationProbe(ITestOutputHelper output)
{
    [Fact]
    public void Probe()
    {
        var photos = TestData.Photos();
        var originals = new List<(string, PerceptualHash)>();
        var copies = new List<(int, string, PerceptualHash)>();
        for (var i = 0; i < photos.Count; i++)
        {
            using var img = Load(photos[i]);
            var h = Fingerprinter.Compute(img);
            originals.Add((Path.GetFileName(photos[i]), h));
            foreach (var (name, make) in NearCopies.All)
            {
                using var c = make(img);
                copies.Add((i, name, Fingerprinter.Compute(c)));
            }
        }
        foreach (var g in copies.GroupBy(c => c.Item2))
        {
            var d = g.Select(c => c.Item3.DistanceTo(originals[c.Item1].Item2)).OrderBy(x => x).ToArray();
            output.WriteLine($"{g.Key,-50} max {d[^1],2} p90 {d[(int)(d.Length * 0.9)],2} median {d[d.Length / 2],2} :: {string.Join(",", d)}");
        }
        var cross = new List<int>();
        for (var i = 0; i < originals.Count; i++)
            for (var j = i + 1; j < originals.Count; j++)
                cross.Add(originals[i].Item2.DistanceTo(originals[j].Item2));
        var crossCopies = copies.SelectMany(c => originals.Where((_, j) => j != c.Item1).Select(o => o.Item2.DistanceTo(c.Item3))).ToList();
        cross.Sort(); crossCopies.Sort();
        output.WriteLine($"cross originals n={cross.Count} min {cross[0]} p1 {cross[cross.Count / 100]} median {cross[cross.Count / 2]} lowest {string.Join(",", cross.Take(15))}");
        output.WriteLine($"cross copies n={crossCopies.Count} min {crossCopies[0]} p1 {crossCopies[crossCopies.Count / 100]} median {crossCopies[crossCopies.Count / 2]} lowest {string.Join(",", crossCopies.Take(15))}");
    }

    private static Mat Load(string path)
    {
        var m = Cv2.ImRead(path, ImreadModes.Color);
        var f = 1000.0 / Math.Max(m.Width, m.Height);
        if (f >= 1) return m;
        var r = new Mat();
        Cv2.Resize(m, r, new Size(), f, f, InterpolationFlags.Area);
        m.Dispose();
        return r;
    }
}
