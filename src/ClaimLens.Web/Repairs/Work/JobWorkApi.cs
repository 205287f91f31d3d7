using ClaimLens.Forensics.Imaging;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Repairs.Timeline;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Repairs.Work;

/// <summary>The work record of a job: visit notes and parts used, the customer's signature. Written by the technician
/// who holds the job (or the tenant's staff for them) while the job is open and accepted.</summary>
public static class JobWorkApi
{
    /// <summary>A canvas signature is a few tens of KB; anything larger is not one.</summary>
    public const long MaxSignatureBytes = 512 * 1024;

    public const int MaxPartLines = 50;

    private static readonly RepairStatus[] Working =
        [RepairStatus.Accepted, RepairStatus.OnTheWay, RepairStatus.OnSite, RepairStatus.WaitingForParts];

    public static RouteGroupBuilder MapJobWorkApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/repairs/requests/{id:guid}").WithTags("Repairs").RequireAuthorization(Policies.RepairJob);
        group.MapGet("/work", Get).WithName("GetRepairWork").WithSummary("The job's check-in, parts used and whether the customer signed.");
        group.MapPost("/work", Record).WithName("RecordRepairWork")
            .WithSummary("Add a visit note (lands on the timeline, encrypted) and/or replace the parts used (codes from the tenant's catalogue).");
        group.MapPost("/signature", Sign).WithName("RecordRepairSignature").DisableAntiforgery()
            .WithSummary("The customer's signature: multipart field \"signature\", a PNG of at most 512 KB that must decode.");
        return group;
    }

    public static async Task<Results<Ok<JobWorkDto>, NotFound>> Get(Guid id, HttpContext http, ClaimLensDbContext db, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        if (!await JobAccess.Visible(db, caller).AnyAsync(r => r.Id == id, cancellationToken))
            return TypedResults.NotFound();
        var record = await db.JobRecords.AsNoTracking().SingleOrDefaultAsync(r => r.RequestId == id, cancellationToken);
        return TypedResults.Ok(JobWorkDto.From(id, record));
    }

    public static async Task<Results<Ok<JobWorkDto>, NotFound, ValidationProblem>> Record(
        Guid id, WorkInput input, HttpContext http, ClaimLensDbContext db, PersonalData personal, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var caller = Caller.From(http.User);
        var v = new Validation();
        var note = input.Note is null ? null : v.Required("note", input.Note, 2000);
        if (input.Note is null && input.Parts is null)
            v.Add("note", "send a note, parts, or both");
        if (input.Parts is { Count: > MaxPartLines })
            v.Add("parts", $"at most {MaxPartLines} part lines");
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());
        var request = await LoadHeldAsync(db, caller, id, cancellationToken);
        if (request is null)
            return TypedResults.NotFound();
        var parts = input.Parts is null ? null : await ResolvePartsAsync(db, request, input.Parts, v, cancellationToken);
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());
        var now = time.GetUtcNow();
        var record = await JobRecords.GetOrAddAsync(db, request, now, cancellationToken);
        if (parts is not null)
        {
            record.Parts = parts;
            db.Append(time, caller.Actor, "repair.parts_recorded", "service_request", request.Id, request.MerchantId,
                new { parts = parts.Select(p => new { p.Code, p.Quantity }) });
        }
        if (note is not null)
        {
            db.TimelineEntries.Add(new TimelineEntry
            {
                Id = Guid.CreateVersion7(now), MerchantId = request.MerchantId, RequestId = request.Id, At = now, Kind = "visit_note",
                Author = caller.Actor, TextProtected = personal.Protect(note),
            });
        }
        record.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(JobWorkDto.From(id, record));
    }

    public static async Task<Results<Ok<JobWorkDto>, NotFound, ValidationProblem>> Sign(
        Guid id, HttpContext http, ClaimLensDbContext db, MediaStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var request = await LoadHeldAsync(db, caller, id, cancellationToken);
        if (request is null)
            return TypedResults.NotFound();
        using var form = await UploadedForm.ReadAsync(http.Request, store, new HashSet<string> { "signature" }, 1, MaxSignatureBytes, cancellationToken);
        if (form.Files.Count != 1)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["signature"] = ["one PNG file in the field \"signature\" is required"] });
        var file = form.Files[0];
        if (await CheckSignatureAsync(file, cancellationToken) is { } error)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["signature"] = [error] });
        var now = time.GetUtcNow();
        file.ContentType = "image/png";
        var record = await JobRecords.GetOrAddAsync(db, request, now, cancellationToken);
        await MediaCommit.CommitAsync(db, store, [file], now, cancellationToken);
        record.SignatureSha256 = file.Sha256;
        record.SignedAt = now;
        record.UpdatedAt = now;
        db.Append(time, caller.Actor, "repair.signed", "service_request", request.Id, request.MerchantId, new { sha256 = file.Sha256 });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(JobWorkDto.From(id, record));
    }

    /// <summary>The job, when the caller may work on it now: accepted and not closed, and (for a technician) held by them.</summary>
    /// <exception cref="DeskProblemException">409 when the job is not in a working status or is held by someone else.</exception>
    internal static async Task<ServiceRequest?> LoadHeldAsync(ClaimLensDbContext db, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var request = await JobAccess.Visible(db, caller).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
            return null;
        if (caller.Role == Role.Technician && request.TechnicianId != caller.TechnicianId)
            throw new DeskProblemException(StatusCodes.Status409Conflict, "Not this technician's job", "the job is not held by this technician");
        if (!Working.Contains(request.Status))
            throw new DeskProblemException(StatusCodes.Status409Conflict, "The job is not being worked on",
                $"work is recorded on an accepted job that is not closed; this one is {RepairStateMachine.Name(request.Status)}");
        return request;
    }

    private static async Task<List<PartUse>> ResolvePartsAsync(ClaimLensDbContext db, ServiceRequest request, IReadOnlyList<PartUseInput> lines,
        Validation v, CancellationToken cancellationToken)
    {
        var codes = lines.Select(l => l?.Code?.Trim()).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var catalogue = await db.Parts.AsNoTracking().Where(p => p.MerchantId == request.MerchantId && codes.Contains(p.Code))
            .ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, cancellationToken);
        var used = new List<PartUse>();
        for (var i = 0; i < lines.Count; i++)
        {
            var code = lines[i]?.Code?.Trim();
            var quantity = lines[i]?.Quantity;
            Part? part = null;
            if (string.IsNullOrEmpty(code) || !catalogue.TryGetValue(code, out part) || !part.Active)
                v.Add($"parts[{i}].code", $"no active part \"{code}\" in the catalogue");
            else if (part.Brands.Count > 0 && !part.Brands.Contains(request.Brand, StringComparer.OrdinalIgnoreCase))
                v.Add($"parts[{i}].code", $"part \"{code}\" does not fit {request.Brand}");
            if (quantity is not (>= 1 and <= 99))
                v.Add($"parts[{i}].quantity", "quantity must be 1 to 99");
            else if (part is { Active: true })
                used.Add(new PartUse { PartId = part.Id, Code = part.Code, Name = part.Name, Quantity = quantity.Value, UnitPriceFen = part.PriceFen });
        }
        // One line per part: the same code twice adds up.
        return used.GroupBy(u => u.Code, StringComparer.Ordinal)
            .Select(g => { var first = g.First(); first.Quantity = g.Sum(u => u.Quantity); return first; }).ToList();
    }

    private static async Task<string?> CheckSignatureAsync(StagedFile file, CancellationToken cancellationToken)
    {
        if (file.Length == 0)
            return "the signature is empty";
        if (ImageSniffer.Sniff(file.Head).Format != ImageFormat.Png)
            return "the signature must be a PNG (the canvas's toBlob('image/png'))";
        var bytes = await File.ReadAllBytesAsync(file.Path, cancellationToken);
        try
        {
            using var image = ImageLoader.Load(bytes);
            return null;
        }
        catch (ImageLoadException e)
        {
            return $"the signature PNG cannot be read: {e.Message}";
        }
    }
}
