namespace ClaimLens.Web.Repairs;

/// <summary>A customer's request for an on-site repair. Name, phone and street are stored encrypted
/// (<c>PersonalData</c>); the phone is found again through <see cref="PhoneIndex"/>, a keyed hash.</summary>
public sealed class ServiceRequest
{
    public Guid Id { get; set; }

    /// <summary>The service tenant (a merchant of the desk).</summary>
    public Guid MerchantId { get; set; }

    public required string Brand { get; set; }

    public required string ProductType { get; set; }

    public string? Model { get; set; }

    public required string Fault { get; set; }

    /// <summary>A short fault code (e.g. <c>fingerprint</c>, <c>motor</c>); warranty matches on it. <c>general</c> when not given.</summary>
    public string FaultType { get; set; } = "general";

    public string? SerialNumber { get; set; }

    /// <summary>Keyed hash naming the device: brand + model + serial, or without a serial brand + model + the customer's
    /// phone + address. Warranty finds earlier jobs on the same device through it.</summary>
    public string DeviceIndex { get; set; } = "";

    public required string ProvinceCode { get; set; }

    public required string CityCode { get; set; }

    public required string CountyCode { get; set; }

    public required string TownCode { get; set; }

    public required string StreetProtected { get; set; }

    public required string NameProtected { get; set; }

    public required string PhoneProtected { get; set; }

    public required string PhoneIndex { get; set; }

    /// <summary>Where the customer is, when the intake knew it (WGS-84 degrees); travel estimates need it.</summary>
    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public List<TimeWindow> PreferredWindows { get; set; } = [];

    public RequestChannel Channel { get; set; }

    public RepairStatus Status { get; set; }

    /// <summary>The technician the job is offered to or accepted by.</summary>
    public Guid? TechnicianId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When a technician must have accepted (created + the response target).</summary>
    public DateTimeOffset ResponseDueAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>Null while open; true when accepted in time; false once the due time passed without acceptance.</summary>
    public bool? ResponseMet { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>How many times the job went to waiting for parts (each one means another visit); reports count a job
    /// completed with none as fixed the first time (decision 0020).</summary>
    public int PartsWaits { get; set; }

    /// <summary>Until when a come-back of the same device and fault is repaired free (set on completion).</summary>
    public DateTimeOffset? WarrantyUntil { get; set; }

    /// <summary>The completed job whose warranty this request falls under; the request is then free of charge.</summary>
    public Guid? WarrantyOfRequestId { get; set; }

    public bool Free { get; set; }

    /// <summary>Optimistic concurrency: bumped by every move, so a late accept and the offer timeout never both win.</summary>
    public int Version { get; set; }
}
