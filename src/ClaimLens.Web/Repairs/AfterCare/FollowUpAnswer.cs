namespace ClaimLens.Web.Repairs;

/// <summary>The outcome of a follow-up answer, the follow-up as stored (the earlier answer when it was answered
/// before), and the bad fields when invalid.</summary>
public sealed record FollowUpAnswer(AnswerOutcome Outcome, FollowUp? FollowUp, IReadOnlyDictionary<string, string[]> Errors);
