using ClaimLens.Web.Evidence;

namespace ClaimLens.Web.Claims;

/// <summary>The text fields of a claim as they arrived (unchecked): the line's SKU, <c>refund_only</c> or
/// <c>return_refund</c>, the reason and the amount as typed.</summary>
public sealed record ClaimFields(string? Sku, string? Type, string? Reason, string? Amount)
{
    public static ClaimFields From(UploadedForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new ClaimFields(form.Field("sku"), form.Field("type"), form.Field("reason"), form.Field("amount"));
    }
}
