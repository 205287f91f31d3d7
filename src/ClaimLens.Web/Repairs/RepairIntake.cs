using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Regions;

namespace ClaimLens.Web.Repairs;

/// <summary>Files a repair request, whoever types it in (the API, the customer's page, the agent's form): validates every
/// field, encrypts the customer's data, links a warranty, audits and dispatches at once, and saves.</summary>
public static class RepairIntake
{
    private const string PhonePurpose = "repair-phone";

    /// <summary>The blind index of a normalised phone number, as requests store it.</summary>
    public static string PhoneKey(PersonalData personal, string normalizedPhone)
    {
        ArgumentNullException.ThrowIfNull(personal);
        return personal.BlindIndex(PhonePurpose, normalizedPhone);
    }

    /// <summary>The saved request and its first offer, or the bad fields (keys as the API names them, e.g. <c>address.townCode</c>).</summary>
    public static async Task<FiledRequest> FileAsync(ServiceRequestInput input, Guid merchant, string actor, ClaimLensDbContext db,
        PersonalData personal, RegionIndex regions, DispatchIndex index, RepairsOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(personal);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var v = new Validation();
        var brand = v.Required("brand", input.Brand, 64);
        var productType = v.Required("productType", input.ProductType, 64);
        var fault = v.Required("fault", input.Fault, 2000);
        var name = v.Required("name", input.Name, 100);
        if (input.Model is { Length: > 100 })
            v.Add("model", "model is longer than 100 characters");
        var faultType = string.IsNullOrWhiteSpace(input.FaultType) ? "general" : input.FaultType.Trim().ToLowerInvariant();
        if (faultType.Length > 40 || !faultType.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            v.Add("faultType", "faultType is a short code of letters, digits, _ and - (at most 40)");
        if (input.SerialNumber is { Length: > 64 })
            v.Add("serialNumber", "serialNumber is longer than 64 characters");
        var phone = PersonalData.NormalizePhone(input.Phone);
        if (phone is null)
            v.Add("phone", string.IsNullOrWhiteSpace(input.Phone) ? "phone is required" : $"\"{Masked(input.Phone)}\" is not a mainland mobile number (11 digits starting with 1)");
        var codes = AddressCheck.Resolve(regions, input.Address, v);
        var street = input.Address is null ? null : v.Required("address.street", input.Address.Street, 300);
        var channel = input.Channel switch
        {
            "online" => RequestChannel.Online,
            "agent" => RequestChannel.Agent,
            "partner" => RequestChannel.Partner,
            _ => (RequestChannel?)null,
        };
        if (channel is null)
            v.Add("channel", "channel must be online, agent or partner");
        RequestsApi.CheckPosition(v, input.Latitude, input.Longitude);
        var windows = input.PreferredWindows ?? [];
        if (windows.Count > 10)
            v.Add("preferredWindows", "at most 10 preferred windows");
        for (var i = 0; i < Math.Min(windows.Count, 10); i++)
        {
            if (windows[i].To <= windows[i].From)
                v.Add($"preferredWindows[{i}]", "the window ends before it starts");
            else if (windows[i].To <= now)
                v.Add($"preferredWindows[{i}]", "the window is in the past");
        }
        if (!v.IsValid)
            return new FiledRequest(null, null, v.ToDictionary());

        var (province, city, county, town) = codes!.Value;
        var request = new ServiceRequest
        {
            Id = Guid.CreateVersion7(now), MerchantId = merchant, Brand = brand!, ProductType = productType!, Model = input.Model?.Trim(), Fault = fault!,
            ProvinceCode = province, CityCode = city, CountyCode = county, TownCode = town, StreetProtected = personal.Protect(street!),
            NameProtected = personal.Protect(name!), PhoneProtected = personal.Protect(phone!), PhoneIndex = personal.BlindIndex(PhonePurpose, phone!),
            Latitude = input.Latitude, Longitude = input.Longitude, Channel = channel!.Value, Status = RepairStatus.Requested,
            PreferredWindows = windows.Select(w => new TimeWindow { From = w.From.ToUniversalTime(), To = w.To.ToUniversalTime() }).ToList(),
            CreatedAt = now, UpdatedAt = now, ResponseDueAt = now + options.ResponseTarget,
            FaultType = faultType, SerialNumber = string.IsNullOrWhiteSpace(input.SerialNumber) ? null : input.SerialNumber.Trim(),
        };
        request.DeviceIndex = Warranty.DeviceIndex(personal, brand!, request.Model, request.SerialNumber, phone!, town, street!);
        db.ServiceRequests.Add(request);
        var rebuild = await LinkWarrantyAsync(db, request, actor, time, cancellationToken);
        // What is audited names no personal data: the codes and the product, never the name, phone or street.
        db.Append(time, actor, "repair.requested", "service_request", request.Id, merchant,
            new { brand, productType, town, channel = input.Channel, request.ResponseDueAt });
        var offer = await Dispatcher.OfferNextAsync(db, index, options, request, time, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (rebuild)
            await index.RebuildAsync(db, merchant, cancellationToken);
        else
            await index.RefreshLoadsAsync(db, merchant, [request.TechnicianId], cancellationToken);
        return new FiledRequest(request, offer, null);
    }

    /// <summary>Links a request inside an earlier job's warranty to that job, marks it free, and counts a re-repair
    /// against the technician who did the job; true when a technician's re-repair rate changed.</summary>
    private static async Task<bool> LinkWarrantyAsync(ClaimLensDbContext db, ServiceRequest request, string actor, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var first = await Warranty.FindCoveringAsync(db, request.MerchantId, request.DeviceIndex, request.FaultType, request.CreatedAt, cancellationToken);
        if (first is null)
            return false;
        request.WarrantyOfRequestId = first.Id;
        request.Free = true;
        var technician = first.TechnicianId is { } t ? await db.Technicians.FindAsync([t], cancellationToken) : null;
        if (technician is not null)
            technician.ReRepairs++;
        db.Append(time, actor, "repair.warranty_linked", "service_request", request.Id, request.MerchantId,
            new { warrantyOf = first.Id, technician = first.TechnicianId, first.WarrantyUntil });
        return technician is not null;
    }

    // An error message must not echo a customer's number back into logs whole.
    private static string Masked(string value) => value.Length > 40 ? value[..40] + "…" : PersonalData.MaskPhone(value);
}
