using ClaimLens.Web.Orders;

namespace ClaimLens.Web.Pages.Merchant.Orders;

/// <summary>An order's packing photos and videos, each video with the frames taken from it.</summary>
public sealed record PackingView(string OrderNo, IReadOnlyList<PackingItem> Media)
{
    public IEnumerable<PackingItem> Originals => Media.Where(m => m.Kind != PackingMediaKind.VideoFrame);

    public IEnumerable<PackingItem> FramesOf(Guid video) => Media.Where(m => m.SourceMediaId == video).OrderBy(m => m.AtSeconds);

    /// <summary>True while a video waits for its frames: the partial then polls itself.</summary>
    public bool Waiting => Media.Any(m => m.Kind == PackingMediaKind.Video && !m.Processed);
}
