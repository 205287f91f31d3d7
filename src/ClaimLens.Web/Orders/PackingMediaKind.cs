namespace ClaimLens.Web.Orders;

public enum PackingMediaKind
{
    Photo,
    Video,

    /// <summary>A still taken from a packing video; used as a reference like a packing photo.</summary>
    VideoFrame,
}
