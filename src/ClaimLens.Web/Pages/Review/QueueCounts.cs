namespace ClaimLens.Web.Pages.Review;

/// <summary>The figures at the top of the queue.</summary>
public sealed record QueueCounts(int InQueue, int Overdue, int DueSoon, int LikelyManipulated)
{
    /// <summary>"Due soon" means within this time.</summary>
    public static readonly TimeSpan Soon = TimeSpan.FromHours(4);
}
