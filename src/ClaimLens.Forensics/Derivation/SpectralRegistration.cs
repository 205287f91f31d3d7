using OpenCvSharp;

namespace ClaimLens.Forensics.Derivation;

/// <summary>Rotation, scale and shift of a reference inside a claim from the two pictures' Fourier spectra
/// (Fourier–Mellin), without features. For pictures ORB cannot match: a small bright subject on a dark ground (the
/// moon on a night sky) whose few keypoints all look alike, or a copy reduced so far that its keypoints are gone.
/// The estimate is coarse (a few analysis pixels); <see cref="GeometricMatch.Guided"/> and the sub-pixel refinement finish it,
/// and pixel agreement still decides, so a wrong estimate costs time, not a false derivation.</summary>
internal static class SpectralRegistration
{
    // Long side each picture is reduced to; it sits on a zero canvas twice as wide, so the circular shift of the
    // translation search cannot wrap it onto itself. A second level at 512 px (read to half its Nyquist frequency, past
    // which the JPEG grid's harmonics pulled the turn to 0 and 90 degrees) reads the same frequencies as this one read to
    // its Nyquist frequency, and found nothing more on the dev sets (decision 0002, session 8).
    private const int LongSide = 256;
    private const int Canvas = 2 * LongSide;

    // Log-polar sampling of the magnitude spectrum: 0.7 degrees per row before sub-pixel interpolation, and a
    // log-radius axis from 1 cycle per canvas to the Nyquist frequency.
    private const int Angles = 512;
    private const int Radii = 256;

    // Cycles per canvas of the highest frequency read: the picture's Nyquist frequency.
    private const double MaxFrequency = Canvas / 2.0;

    // The share of each side tapered to zero, so the picture's own edges do not print a cross on the spectrum
    // that matches any other picture's cross at rotation 0.
    private const double Taper = 0.12;

    /// <summary>A similarity estimate: reference analysis coordinates to claim analysis coordinates, and the phase
    /// correlation peak of the shift search (near 0 for unrelated pictures).</summary>
    public readonly record struct Estimate(double[] Homography, double Response, double RotationDegrees, double Scale);

    /// <summary>A picture prepared once for <see cref="Register"/>: its canvas and its log-polar spectrum.</summary>
    public sealed class Prepared : IDisposable
    {
        internal Prepared(Mat canvas, Mat logPolar, double[] toCanvas)
        {
            Canvas = canvas;
            LogPolar = logPolar;
            ToCanvas = toCanvas;
        }

        /// <summary>The picture, less its mean and windowed, centred on its canvas.</summary>
        internal Mat Canvas { get; }

        internal Mat LogPolar { get; }

        /// <summary>Analysis coordinates to canvas coordinates.</summary>
        internal double[] ToCanvas { get; }

        public void Dispose()
        {
            Canvas.Dispose();
            LogPolar.Dispose();
        }
    }

    /// <summary>Prepares an 8-bit grey picture; null when it is too small or flat to register.</summary>
    public static Prepared? Prepare(Mat gray) =>
        gray.Width < 32 || gray.Height < 32 || PlaceOnCanvas(gray) is not { } placed
            ? null
            : new Prepared(placed.Canvas, LogPolarSpectrum(placed.Canvas), placed.ToCanvas);

    // The picture reduced to LongSide, less its mean, windowed, centred on the zero canvas; and the map from analysis
    // pixel centres to the canvas. Null when the picture is flat.
    private static (Mat Canvas, double[] ToCanvas)? PlaceOnCanvas(Mat gray)
    {
        var factor = (double)LongSide / Math.Max(gray.Width, gray.Height);
        var size = new Size(Math.Max(8, (int)Math.Round(gray.Width * factor)), Math.Max(8, (int)Math.Round(gray.Height * factor)));
        using var small = new Mat();
        Cv2.Resize(gray, small, size, 0, 0, factor < 1 ? InterpolationFlags.Area : InterpolationFlags.Linear);
        using var content = new Mat();
        small.ConvertTo(content, MatType.CV_32FC1);
        Cv2.MeanStdDev(content, out var mean, out var deviation);
        if (deviation.Val0 < 1)
            return null;
        using var window = TukeyWindow(size);
        Cv2.Subtract(content, mean, content);
        Cv2.Multiply(content, window, content);

        var canvas = new Mat(new Size(Canvas, Canvas), MatType.CV_32FC1, Scalar.All(0));
        var left = (Canvas - size.Width) / 2;
        var top = (Canvas - size.Height) / 2;
        using (var target = new Mat(canvas, new Rect(left, top, size.Width, size.Height)))
            content.CopyTo(target);
        // Analysis pixel centres -> reduced pixel centres -> canvas.
        var toCanvas = Projective.Multiply([1, 0, left, 0, 1, top, 0, 0, 1],
            Projective.Resize((double)size.Width / gray.Width, (double)size.Height / gray.Height));
        return (canvas, toCanvas);
    }

    /// <summary>Similarities that may carry <paramref name="reference"/> onto <paramref name="claim"/>, strongest shift
    /// response first; empty when none can be read from the spectra.</summary>
    public static List<Estimate> Register(Prepared claim, Prepared reference)
    {
        // Claim = reference turned by theta and scaled by s: the claim's spectrum is the reference's turned by theta
        // and shrunk by s, which in log-polar coordinates is a shift along both axes.
        var estimates = new List<Estimate>();
        using var noWindow = new Mat();
        var radiusPerLog = Radii / Math.Log(MaxFrequency);
        var shift = Cv2.PhaseCorrelate(reference.LogPolar, claim.LogPolar, noWindow, out _);
        var scale = Math.Exp(-shift.X / radiusPerLog);
        if (!double.IsFinite(scale) || scale is < 0.1 or > 10)
            return estimates;
        var theta = shift.Y * 360.0 / Angles;
        // A magnitude spectrum is symmetric: theta and theta + 180 read the same; both are tried.
        foreach (var turn in new[] { theta, theta + 180 })
        {
            var similarity = Similarity(turn, scale);
            using var warped = new Mat();
            using var affine = Affine(similarity);
            Cv2.WarpAffine(reference.Canvas, warped, affine, claim.Canvas.Size(), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
            var move = Cv2.PhaseCorrelate(warped, claim.Canvas, noWindow, out var response);
            var canvasMap = Projective.Multiply([1, 0, move.X, 0, 1, move.Y, 0, 0, 1], similarity);
            var homography = Projective.Multiply(Projective.Invert(claim.ToCanvas)!, Projective.Multiply(canvasMap, reference.ToCanvas));
            estimates.Add(new Estimate(Projective.Normalized(homography), response, NormalizeDegrees(turn), scale));
        }
        estimates.Sort((a, b) => b.Response.CompareTo(a.Response));
        return estimates;
    }

    // Rotation by degrees (y down, so positive turns clockwise on screen) and scale about the canvas centre.
    private static double[] Similarity(double degrees, double scale)
    {
        var radians = degrees * Math.PI / 180;
        var (cos, sin) = (Math.Cos(radians) * scale, Math.Sin(radians) * scale);
        var c = (Canvas - 1) / 2.0;
        return [cos, -sin, c - (cos * c) + (sin * c), sin, cos, c - (sin * c) - (cos * c), 0, 0, 1];
    }

    private static Mat Affine(double[] h)
    {
        var m = new Mat(2, 3, MatType.CV_64FC1);
        for (var i = 0; i < 6; i++)
            m.Set(i / 3, i % 3, h[i]);
        return m;
    }

    private static double NormalizeDegrees(double degrees)
    {
        var d = degrees % 360;
        return d > 180 ? d - 360 : d <= -180 ? d + 360 : d;
    }

    // log(1 + |F|), centred, weighted towards the middle frequencies (the lowest ones are the picture's overall
    // shape and say little about its turn; the highest are JPEG and resampling noise), then resampled to log-polar.
    private static Mat LogPolarSpectrum(Mat canvas)
    {
        using var complex = new Mat();
        Cv2.Dft(canvas, complex, DftFlags.ComplexOutput);
        var parts = Cv2.Split(complex);
        using var magnitude = new Mat();
        Cv2.Magnitude(parts[0], parts[1], magnitude);
        foreach (var p in parts)
            p.Dispose();
        Cv2.Add(magnitude, Scalar.All(1), magnitude);
        Cv2.Log(magnitude, magnitude);
        using var centred = Centred(magnitude);
        Cv2.Multiply(centred, Emphasis.Value, centred);
        var polar = new Mat();
        Cv2.WarpPolar(centred, polar, new Size(Radii, Angles), new Point2f(Canvas / 2f, Canvas / 2f), MaxFrequency,
            InterpolationFlags.Linear, WarpPolarMode.Log);
        return polar;
    }

    // Quadrants swapped so frequency 0 is at the centre.
    private static Mat Centred(Mat spectrum)
    {
        var half = Canvas / 2;
        var centred = new Mat(spectrum.Size(), spectrum.Type());
        foreach (var (from, to) in new[] { (new Point(0, 0), new Point(half, half)), (new Point(half, 0), new Point(0, half)), (new Point(0, half), new Point(half, 0)), (new Point(half, half), new Point(0, 0)) })
        {
            using var source = new Mat(spectrum, new Rect(from, new Size(half, half)));
            using var target = new Mat(centred, new Rect(to, new Size(half, half)));
            source.CopyTo(target);
        }
        return centred;
    }

    // The emphasis filter, made once: it is the same for every picture.
    private static readonly Lazy<Mat> Emphasis = new(() => HighPass(new Size(Canvas, Canvas)));

    // Reddy and Chatterji's emphasis (1 - X)(2 - X), X = cos(pi u) cos(pi v) over frequencies -1/2..1/2.
    private static Mat HighPass(Size size)
    {
        var values = new float[size.Width * size.Height];
        for (var y = 0; y < size.Height; y++)
        {
            var cy = Math.Cos(Math.PI * ((double)(y - (size.Height / 2)) / size.Height));
            for (var x = 0; x < size.Width; x++)
            {
                var v = Math.Cos(Math.PI * ((double)(x - (size.Width / 2)) / size.Width)) * cy;
                values[(y * size.Width) + x] = (float)((1 - v) * (2 - v));
            }
        }
        return FromValues(size, values);
    }

    private static Mat TukeyWindow(Size size)
    {
        var xs = Taper1D(size.Width);
        var ys = Taper1D(size.Height);
        var values = new float[size.Width * size.Height];
        for (var y = 0; y < size.Height; y++)
        {
            for (var x = 0; x < size.Width; x++)
                values[(y * size.Width) + x] = xs[x] * ys[y];
        }
        return FromValues(size, values);
    }

    private static Mat FromValues(Size size, float[] values)
    {
        using var view = Mat.FromPixelData(size.Height, size.Width, MatType.CV_32FC1, values);
        return view.Clone();
    }

    private static float[] Taper1D(int n)
    {
        var w = new float[n];
        var edge = Math.Max(1, (int)(n * Taper));
        for (var i = 0; i < n; i++)
        {
            var d = Math.Min(i, n - 1 - i);
            w[i] = d >= edge ? 1f : (float)(0.5 - (0.5 * Math.Cos(Math.PI * (d + 0.5) / edge)));
        }
        return w;
    }
}
