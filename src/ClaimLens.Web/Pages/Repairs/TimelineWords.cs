using ClaimLens.Web.Repairs.Timeline;
using static ClaimLens.Web.Pages.Text;

namespace ClaimLens.Web.Pages.Repairs;

/// <summary>A timeline line's kind in plain words: calls and messages with their direction, system events by action.</summary>
public static class TimelineWords
{
    public static string Kind(TimelineItemDto item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return (item.Kind, item.Direction, item.Action) switch
        {
            ("call", "inbound", _) => L("客户来电", "Call from the customer"),
            ("call", _, _) => L("致电客户", "Call to the customer"),
            ("message", "inbound", _) => L("客户消息", "Message from the customer"),
            ("message", _, _) => L("发给客户的消息", "Message to the customer"),
            ("visit_note", _, _) => L("上门记录", "Visit note"),
            (_, _, "repair.requested") => L("报修已提交", "Request filed"),
            (_, _, "repair.offered") => L("已派给师傅", "Offered to a technician"),
            (_, _, "repair.no_candidate") => L("暂无可派师傅", "No technician available"),
            (_, _, "repair.accepted") => L("师傅已接单", "Technician accepted"),
            (_, _, "repair.assignment_overridden") => L("调度员改派", "Reassigned by a dispatcher"),
            (_, _, "repair.phone_revealed") => L("查看了完整号码", "Full phone number revealed"),
            (_, _, "repair.warranty_linked") => L("关联保修", "Linked to warranty"),
            (_, _, "repair.depart") => L("师傅已出发", "Technician on the way"),
            (_, _, "repair.arrive") => L("师傅到场签到", "Technician checked in on site"),
            (_, _, "repair.await_parts") => L("等待配件", "Waiting for parts"),
            (_, _, "repair.complete") => L("维修完成", "Repair completed"),
            (_, _, "repair.declined") => L("师傅拒单", "Technician declined"),
            (_, _, "repair.photos_added") => L("上传了照片", "Photos added"),
            (_, _, "repair_photo.analysed") => L("照片检测完成", "Photo checked"),
            (_, _, "repair.parts_recorded") => L("记录了配件", "Parts recorded"),
            (_, _, "repair.signed") => L("客户已签名", "Customer signed"),
            (_, _, "repair.address_revealed") => L("地址已向接单师傅显示", "Address shown to the assigned technician"),
            (_, _, { } action) => action,
            _ => item.Kind,
        };
    }
}
