namespace ClaimLens.Web.Evidence.Renditions;

/// <summary>A picture's display sizes, each a JPEG no longer than its long side (never enlarged).</summary>
public enum Rendition
{
    /// <summary>Long side 320: lists, queues, filmstrips.</summary>
    Thumb,

    /// <summary>Long side 1600: the page's main view.</summary>
    View,
}
