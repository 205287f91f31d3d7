using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>The claim's and the aligned reference's planes over whole blocks, split once and smoothed once, for the
/// block fit and, when the claim turns out derived, the change mask (splitting and smoothing again cost ~12 ms of a
/// 1024 x 768 comparison).</summary>
internal sealed class ComparisonPlanes : IDisposable
{
    private ComparisonPlanes(Rect roi, Mat[] claim, Mat[] reference, Mat[] bases)
    {
        Roi = roi;
        Claim = claim;
        Reference = reference;
        Bases = bases;
    }

    /// <summary>The whole blocks, from the origin.</summary>
    public Rect Roi { get; }

    /// <summary>Claim Y, Cr, Cb (0..255) over <see cref="Roi"/>.</summary>
    public Mat[] Claim { get; }

    /// <summary>Aligned reference Y, Cr, Cb (0..255) over <see cref="Roi"/>.</summary>
    public Mat[] Reference { get; }

    /// <summary>r, G1(r), G2(r) of the reference luma in scaled units (see <see cref="BlockFit.Scaled"/>).</summary>
    public Mat[] Bases { get; }

    /// <summary>Null when not even one block fits.</summary>
    public static ComparisonPlanes? Create(Mat claimPlanes, Mat referencePlanes, int blockSize)
    {
        var columns = claimPlanes.Width / blockSize;
        var rows = claimPlanes.Height / blockSize;
        if (columns == 0 || rows == 0)
            return null;
        var roi = new Rect(0, 0, columns * blockSize, rows * blockSize);
        using var claimRoi = new Mat(claimPlanes, roi);
        using var refRoi = new Mat(referencePlanes, roi);
        var claim = claimRoi.Split();
        var reference = refRoi.Split();
        return new ComparisonPlanes(roi, claim, reference, BlockFit.SmoothBases(reference[0]));
    }

    public void Dispose()
    {
        foreach (var m in Claim.Concat(Reference).Concat(Bases))
            m.Dispose();
    }
}
