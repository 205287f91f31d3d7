using ClaimLens.Web.Claims;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Buyer;

/// <summary>What the buyer's upload handlers share: the streamed form, answers the pages' script reads (JSON, errors
/// keyed by field in the buyer's language), and the actor the audit log records for a buyer link.</summary>
public static class BuyerUploads
{
    private static readonly HashSet<string> PhotoField = new(StringComparer.OrdinalIgnoreCase) { "photos" };

    /// <summary>The audit actor for whoever holds an order's link: the link is tied to the order, not to a person.</summary>
    public static string Actor(string orderNo) => $"buyer:{orderNo}";

    /// <summary>Streams the multipart body as the API does (same limits); a refused upload becomes field errors.</summary>
    public static async Task<(UploadedForm? Form, JsonResult? Refusal)> ReadAsync(HttpRequest request, MediaStore store, MediaOptions limits,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        try
        {
            return (await UploadedForm.ReadAsync(request, store, PhotoField, limits.MaxPhotosPerClaim, limits.MaxPhotoBytes, cancellationToken), null);
        }
        catch (UploadException e)
        {
            var photos = e.Field.StartsWith("photos", StringComparison.Ordinal);
            var zh = photos
                ? $"照片没有收到：每张不能超过 {limits.MaxPhotoBytes / (1024 * 1024)} MB，最多 {limits.MaxPhotosPerClaim} 张"
                : e.Field == "body" ? "上传没有完成，请检查网络后重新提交" : "有一项内容太长，请删减后重新提交";
            var v = new Validation();
            v.Add(photos ? "photos" : "form", L(zh, e.Message));
            return (null, Errors(v));
        }
    }

    public static JsonResult Errors(Validation v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new JsonResult(new { errors = v.ToDictionary() }) { StatusCode = StatusCodes.Status400BadRequest };
    }

    public static JsonResult Refused(string message) =>
        new(new { errors = new Dictionary<string, string[]> { ["form"] = [message] } }) { StatusCode = StatusCodes.Status409Conflict };

    public static JsonResult Done(string next) => new(new { redirect = next });

    /// <summary>A capture session as the camera page needs it; <c>now</c> lets it show desk time, not the phone's.</summary>
    public static JsonResult Session(CaptureSession session, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new JsonResult(new
        {
            id = session.Id, code = session.Code, expiresAt = session.ExpiresAt.ToUnixTimeMilliseconds(), now = now.ToUnixTimeMilliseconds(),
        });
    }
}
