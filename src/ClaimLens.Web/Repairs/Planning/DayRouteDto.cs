namespace ClaimLens.Web.Repairs.Planning;

public sealed record DayRouteDto(Guid TechnicianId, string Name, double TravelMinutes, IReadOnlyList<DayStopDto> Stops);
