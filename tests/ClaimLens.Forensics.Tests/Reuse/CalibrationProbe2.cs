using ClaimLens.Forensics.Reuse;
using OpenCvSharp;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Reuse;

public sealed class CalibrationProbe2(ITestOutputHelper output)
{
    private static readonly (double L, double R)[] Axis = [(0, 0), (0.05, 0), (0, 0.05), (0.1, 0), (0, 0.1), (0.05, 0.05)];
    private const double A = 0.1;

    private static List<PerceptualHash> Windows(Mat bgr)
    {
        using var g = Fingerprinter.ToGray(bgr);
        var c = BorderTrimmerAccess(g);
        using var content = new Mat(g, c);
        using var small = new Mat();
        Cv2.Resize(content, small, new Size(128, 128), 0, 0, InterpolationFlags.Area);
        var list = new List<PerceptualHash>();
        foreach (var (l, r) in Axis)
            foreach (var (t, b) in Axis)
            {
                double W(double lo, double hi, double x) => (x - lo) / (1 - lo - hi);
                list.Add(Fingerprinter.HashWindow(small, W(l, r, A), W(t, b, A), W(l, r, 1 - A), W(t, b, 1 - A)));
            }
        return list;
    }

    private static Rect BorderTrimmerAccess(Mat g) => BorderTrimmer.ContentRect(g);

    [Fact]
    public void Probe()
    {
        var photos = TestData.Photos();
        var centre = new List<PerceptualHash>();
        var copies = new List<(int, string, List<PerceptualHash>)>();
        for (var i = 0; i < photos.Count; i++)
        {
            using var img = Load(photos[i]);
            centre.Add(Windows(img)[0]);
            foreach (var (name, make) in NearCopies.All)
            {
                using var c = make(img);
                copies.Add((i, name, Windows(c)));
            }
        }
        foreach (var g in copies.GroupBy(c => c.Item2))
        {
            var d = g.Select(c => c.Item3.Min(h => h.DistanceTo(centre[c.Item1]))).OrderBy(x => x).ToArray();
            output.WriteLine($"{g.Key,-50} max {d[^1],2} p90 {d[(int)(d.Length * 0.9)],2} median {d[d.Length / 2],2} :: {string.Join(",", d)}");
        }
        var crossCopies = copies.SelectMany(c => centre.Where((_, j) => j != c.Item1).Select(o => c.Item3.Min(h => h.DistanceTo(o)))).ToList();
        var crossSingle = copies.SelectMany(c => centre.Where((_, j) => j != c.Item1).Select(o => c.Item3[0].DistanceTo(o))).ToList();
        crossCopies.Sort(); crossSingle.Sort();
        output.WriteLine($"cross best-of-36 n={crossCopies.Count} min {crossCopies[0]} p1 {crossCopies[crossCopies.Count / 100]} median {crossCopies[crossCopies.Count / 2]} lowest {string.Join(",", crossCopies.Take(15))}");
        output.WriteLine($"cross single n={crossSingle.Count} min {crossSingle[0]} p1 {crossSingle[crossSingle.Count / 100]} median {crossSingle[crossSingle.Count / 2]} lowest {string.Join(",", crossSingle.Take(15))}");
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
