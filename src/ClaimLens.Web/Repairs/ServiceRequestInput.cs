namespace ClaimLens.Web.Repairs;

/// <summary>A new repair request as the customer page, an agent or a partner system sends it.</summary>
public sealed record ServiceRequestInput(
    string? Brand, string? ProductType, string? Model, string? Fault, AddressInput? Address, string? Name, string? Phone,
    IReadOnlyList<TimeWindowInput>? PreferredWindows, string? Channel, double? Latitude, double? Longitude, string? FaultType = null,
    string? SerialNumber = null);
