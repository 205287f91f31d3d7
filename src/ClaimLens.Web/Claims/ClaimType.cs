namespace ClaimLens.Web.Claims;

public enum ClaimType
{
    /// <summary>仅退款: the buyer keeps the goods.</summary>
    RefundOnly,

    /// <summary>退货退款: the goods go back.</summary>
    ReturnRefund,
}
