using System.Globalization;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Data;
using ClaimLens.Web.Repairs;
using Microsoft.AspNetCore.Http.HttpResults;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Repairs;

/// <summary>What the repair pages show the same way: statuses, product types, the request number, the preferred time
/// windows a form offers, and the intake's field errors in the reader's language.</summary>
public static class RepairPages
{
    public static readonly string[] ProductTypes = ["smart_lock", "safe"];

    public static string ProductTypeText(string code) => code switch
    {
        "smart_lock" => L("智能门锁", "Smart lock"),
        "safe" => L("保险柜", "Safe"),
        _ => code,
    };

    public static string StatusText(RepairStatus status) => status switch
    {
        RepairStatus.Requested => L("待派单", "Requested"),
        RepairStatus.Assigned => L("已派单待接单", "Offered"),
        RepairStatus.Accepted => L("师傅已接单", "Accepted"),
        RepairStatus.OnTheWay => L("师傅在路上", "On the way"),
        RepairStatus.OnSite => L("师傅已到场", "On site"),
        RepairStatus.WaitingForParts => L("等待配件", "Waiting for parts"),
        RepairStatus.Completed => L("已完成", "Completed"),
        RepairStatus.Cancelled => L("已取消", "Cancelled"),
        _ => status.ToString(),
    };

    /// <summary>The audited phone reveal as the staff pages ask for it, through the API's own handler: the full number,
    /// or the reason field's error (and a 400 status); <c>Found</c> false when the request is not the caller's.</summary>
    public static async Task<(bool Found, string? Phone, string? ReasonError)> RevealPhoneAsync(HttpContext http, Guid requestId,
        string? reason, ClaimLensDbContext db, PersonalData personal, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        var result = await RequestsApi.RevealPhone(requestId, new RevealInput(reason), http, db, personal, time, http.RequestAborted);
        switch (result.Result)
        {
            case NotFound:
                return (false, null, null);
            case Ok<RevealedPhone> ok:
                return (true, ok.Value!.Phone, null);
            default:
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return (true, null, L("请写明查看完整号码的原因。", "Say why you need the full number."));
        }
    }

    /// <summary>The number a customer quotes on the phone: the id's random tail (its head is a timestamp shared by neighbours).</summary>
    public static string Number(Guid id) => "R" + id.ToString("N")[^8..].ToUpperInvariant();

    /// <summary>Morning, afternoon and evening of today and the next two days in the tenant's zone, those not yet over;
    /// values are <c>yyyy-MM-dd:am|pm|ev</c>.</summary>
    public static IReadOnlyList<(string Value, string Label, DateTimeOffset From, DateTimeOffset To)> Windows(DateTimeOffset now, string timeZone)
    {
        var zone = Zone(timeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var list = new List<(string, string, DateTimeOffset, DateTimeOffset)>();
        for (var d = 0; d < 3; d++)
        {
            var day = today.AddDays(d);
            var dayText = d switch { 0 => L("今天", "Today"), 1 => L("明天", "Tomorrow"), _ => L("后天", "Day after") };
            foreach (var (slot, from, to, slotText) in new[]
            {
                ("am", 9, 12, L("上午 9–12 点", "morning 9–12")), ("pm", 13, 17, L("下午 1–5 点", "afternoon 1–5")), ("ev", 18, 21, L("晚上 6–9 点", "evening 6–9")),
            })
            {
                var start = At(day, from, zone);
                var end = At(day, to, zone);
                if (end > now)
                    list.Add(($"{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:{slot}", $"{dayText} {slotText}", start, end));
            }
        }
        return list;
    }

    /// <summary>The intake's field errors (keys as the API names them) as one localised message per form field.</summary>
    public static Dictionary<string, string> LocaliseErrors(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in errors.Keys)
        {
            var (field, text) = key switch
            {
                "brand" => ("Brand", L("请填写品牌（不超过 64 个字）。", "Enter the brand (at most 64 characters).")),
                "productType" => ("ProductType", L("请选择产品类型。", "Choose the product type.")),
                "model" => ("Model", L("型号不超过 100 个字。", "The model has at most 100 characters.")),
                "fault" => ("Fault", L("请描述故障（不超过 2000 个字）。", "Describe the fault (at most 2000 characters).")),
                "name" => ("Name", L("请填写联系人姓名（不超过 100 个字）。", "Enter the contact's name (at most 100 characters).")),
                "phone" => ("Phone", L("请填写 11 位手机号码（以 1 开头）。", "Enter an 11-digit mobile number starting with 1.")),
                "address.street" => ("Street", L("请填写详细地址（门牌号，不超过 300 个字）。", "Enter the street address (at most 300 characters).")),
                _ when key.StartsWith("address", StringComparison.Ordinal) =>
                    ("TownCode", L("请选择地址，精确到乡镇/街道。", "Choose the address down to the town or street office.")),
                _ when key.StartsWith("preferredWindows", StringComparison.Ordinal) =>
                    ("Windows", L("所选上门时间已过，请重新选择。", "A chosen visit time is over; choose again.")),
                _ => ("Form", L("有内容未通过检查，请检查后重试。", "Something was not accepted; check and try again.")),
            };
            shown.TryAdd(field, text);
        }
        return shown;
    }

    private static DateTimeOffset At(DateOnly day, int hour, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
