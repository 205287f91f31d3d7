using ClaimLens.Web.Regions;

namespace ClaimLens.Web.Repairs;

/// <summary>One eligible technician and why they rank where they do (lower score is better).</summary>
public readonly record struct RankedCandidate(int Slot, double Score, double TravelMinutes, int Load, double ReRepairRate, RegionLevel Tier);
