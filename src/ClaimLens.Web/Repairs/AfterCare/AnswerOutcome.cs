namespace ClaimLens.Web.Repairs;

/// <summary>What became of a follow-up answer.</summary>
public enum AnswerOutcome
{
    Recorded,
    Invalid,
    NotFound,

    /// <summary>Answered before (or by someone else at the same moment): nothing changed; the earlier answer stands.</summary>
    AlreadyAnswered,
}
