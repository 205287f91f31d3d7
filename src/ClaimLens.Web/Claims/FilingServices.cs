using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;

namespace ClaimLens.Web.Claims;

/// <summary>What filing a claim or adding evidence needs from the request's services, gathered so the API handlers
/// and the buyer's pages hand the same things to <see cref="ClaimFiling"/>.</summary>
public sealed record FilingServices(ClaimLensDbContext Db, MediaStore Store, JobQueue Queue, JobSignal Signal, TimeProvider Time, MediaOptions Limits);
