using ClaimLens.Web.Repairs;

namespace ClaimLens.Web.Pages.Repairs;

/// <summary>A request on the board with whom it is offered to and who else could take it (best first).</summary>
public sealed record BoardRow(BoardItem Item, string? OfferedTo, IReadOnlyList<(Guid Id, string Name, double Score)> Candidates);
