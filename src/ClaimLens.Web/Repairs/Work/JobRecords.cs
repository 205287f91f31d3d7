using ClaimLens.Web.Data;
using ClaimLens.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimLens.Web.Repairs.Work;

/// <summary>The rules of a job's work record: made on first use, the check-in written by the moves, and what a job
/// needs before it can be completed.</summary>
public static class JobRecords
{
    public static async Task<JobRecord> GetOrAddAsync(ClaimLensDbContext db, ServiceRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var record = await db.JobRecords.SingleOrDefaultAsync(r => r.RequestId == request.Id, cancellationToken);
        if (record is not null)
            return record;
        record = new JobRecord { RequestId = request.Id, MerchantId = request.MerchantId, UpdatedAt = now };
        db.JobRecords.Add(record);
        return record;
    }

    /// <summary>A job is closed with proof of the work: at least one "after" photo and the customer's signature.</summary>
    /// <exception cref="DeskProblemException">409 naming what is missing.</exception>
    public static async Task CheckCompleteAsync(ClaimLensDbContext db, JobRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(record);
        var missing = new List<string>();
        if (!await db.RepairPhotos.AnyAsync(p => p.RequestId == record.RequestId && p.Stage == RepairPhotoStage.After, cancellationToken))
            missing.Add("at least one after photo");
        if (record.SignatureSha256 is null)
            missing.Add("the customer's signature");
        if (missing.Count > 0)
            throw new DeskProblemException(StatusCodes.Status409Conflict, "The job cannot be completed yet",
                $"completing a job needs {string.Join(" and ", missing)}; nothing was changed");
    }

    /// <summary>Writes what a move means for the record: when the technician set off, and the check-in on arrival.</summary>
    public static void Note(JobRecord? record, RepairTrigger trigger, JobInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (record is null)
            return;
        if (trigger == RepairTrigger.Depart)
            record.DepartedAt = now;
        if (trigger == RepairTrigger.Arrive)
        {
            record.ArrivedAt = now;
            record.ArrivedLatitude = input.Latitude;
            record.ArrivedLongitude = input.Longitude;
        }
        record.UpdatedAt = now;
    }
}
