using System.Globalization;
using ClaimLens.Forensics.Imaging;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Catalog;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Infrastructure;
using ClaimLens.Web.Orders;

namespace ClaimLens.Web.Claims;

/// <summary>The one implementation of filing a claim and of adding evidence to one, called by the integration API
/// (actor: the merchant's key or user) and by the buyer's pages (actor: <c>buyer:{orderNo}</c>, the order link).
/// Errors are written with <c>say(zh, en)</c>: the API passes <see cref="English"/> and so answers exactly as it
/// always has; the pages pass the request's language.</summary>
public static class ClaimFiling
{
    /// <summary>The API's words: English only, as its clients parse them.</summary>
    public static string English(string zh, string en) => en;

    /// <summary>Checks <paramref name="fields"/> and the photos against <paramref name="order"/> (null when the caller
    /// could not find it and has said so in <paramref name="v"/>), then files the claim, queues each photo's analysis
    /// and saves. Returns null, with every problem in <paramref name="v"/>, when anything is wrong.</summary>
    public static async Task<Claim?> FileAsync(FilingServices s, Validation v, Order? order, ClaimFields fields,
        IReadOnlyList<StagedFile> files, IReadOnlyList<PhotoOrigin>? origins, string actor, Func<string, string, string> say,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(say);
        var limits = s.Limits;
        var sku = Required(v, "sku", fields.Sku, 64, "商品", say);
        var reason = Required(v, "reason", fields.Reason, 2000, "原因", say);
        var type = fields.Type switch
        {
            "refund_only" => ClaimType.RefundOnly,
            "return_refund" => ClaimType.ReturnRefund,
            _ => (ClaimType?)null,
        };
        if (type is null)
            v.Add("type", say("请选择售后类型（仅退款或退货退款）", "type must be refund_only or return_refund"));
        if (!decimal.TryParse(fields.Amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            v.Add("amount", say("请填写大于 0 的金额，例如 129.90", "amount must be a positive number such as 129.90"));
        if (files.Count == 0)
            v.Add("photos", say($"请添加 1 到 {limits.MaxPhotosPerClaim} 张照片", $"1 to {limits.MaxPhotosPerClaim} photos are required"));
        await CheckPicturesAsync(v, files, limits.MaxPixels, say, cancellationToken);

        var line = order?.Lines.FirstOrDefault(l => l.Sku == sku);
        if (order is not null && sku is not null && line is null)
            v.Add("sku", say("这个订单里没有这件商品", $"order \"{order.OrderNo}\" has no line with SKU \"{sku}\""));
        if (line is not null && amount > line.UnitPrice * line.Quantity)
            v.Add("amount", say($"金额不能超过这件商品的实付金额 ¥{line.UnitPrice * line.Quantity:0.00}",
                $"amount {amount} is more than the line's total {line.UnitPrice * line.Quantity}"));
        if (!v.IsValid || order is null)
            return null;

        var now = s.Time.GetUtcNow();
        var claim = new Claim
        {
            Id = Guid.CreateVersion7(now), MerchantId = order.MerchantId, OrderId = order.Id, Sku = sku!, Type = type!.Value, Reason = reason!,
            Amount = amount, Status = ClaimStatus.Analyzing, BuyerKey = order.BuyerKey, CreatedAt = now, UpdatedAt = now,
        };
        await AddPhotosAsync(s, claim, files, origins, round: 1, now, cancellationToken);
        s.Db.Claims.Add(claim);
        s.Db.Append(s.Time, actor, "claim.filed", "claim", claim.Id, order.MerchantId,
            new { orderNo = order.OrderNo, sku, type = fields.Type, amount, photos = files.Select(f => f.Sha256) });
        await s.Db.SaveChangesAsync(cancellationToken);
        s.Signal.Notify(files.Count);
        return claim;
    }

    /// <summary>Adds a round of photos to <paramref name="claim"/> (tracked, with its photos loaded) after a reviewer
    /// asked for more, moves it back to analysis and closes the evidence link. The caller has checked that the
    /// buyer may (the evidence token, or the order link). Returns false, with the problems in <paramref name="v"/>.</summary>
    /// <exception cref="InvalidTransitionException">The claim is not waiting for the buyer.</exception>
    public static async Task<bool> AddEvidenceAsync(FilingServices s, Validation v, Claim claim, IReadOnlyList<StagedFile> files,
        IReadOnlyList<PhotoOrigin>? origins, string actor, Func<string, string, string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(say);
        if (files.Count == 0)
            v.Add("photos", say("请至少添加一张照片", "at least one photo is required"));
        await CheckPicturesAsync(v, files, s.Limits.MaxPixels, say, cancellationToken);
        if (!v.IsValid)
            return false;
        var now = s.Time.GetUtcNow();
        ClaimStateMachine.Fire(claim, ClaimTrigger.BuyerAddedEvidence, now);
        claim.EvidenceToken = null;
        var round = claim.Photos.Max(p => p.Round) + 1;
        await AddPhotosAsync(s, claim, files, origins, round, now, cancellationToken);
        s.Db.Append(s.Time, actor, "claim.evidence_added", "claim", claim.Id, claim.MerchantId, new { round, photos = files.Select(f => f.Sha256) });
        await s.Db.SaveChangesAsync(cancellationToken);
        s.Signal.Notify(files.Count);
        return true;
    }

    private static async Task AddPhotosAsync(FilingServices s, Claim claim, IReadOnlyList<StagedFile> files, IReadOnlyList<PhotoOrigin>? origins,
        int round, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await MediaCommit.CommitAsync(s.Db, s.Store, files, now, cancellationToken);
        for (var i = 0; i < files.Count; i++)
        {
            var origin = origins is not null && i < origins.Count ? origins[i] : PhotoOrigin.Uploaded;
            var photo = new EvidencePhoto
            {
                Id = Guid.CreateVersion7(now), ClaimId = claim.Id, Round = round, Ordinal = i + 1, Sha256 = files[i].Sha256,
                FileName = CatalogApi.SafeName(files[i].FileName), Source = origin.Source, CaptureCode = origin.CaptureCode,
                CapturedAt = origin.CapturedAt, CreatedAt = now,
            };
            claim.Photos.Add(photo);
            s.Queue.Enqueue(JobKind.AnalyzePhoto, photo.Id);
        }
    }

    private static string? Required(Validation v, string field, string? value, int maxLength, string zhName, Func<string, string, string> say)
    {
        if (string.IsNullOrWhiteSpace(value))
            v.Add(field, say($"请填写{zhName}", $"{field} is required"));
        else if (value.Length > maxLength)
            v.Add(field, say($"{zhName}不能超过 {maxLength} 个字", $"{field} is longer than {maxLength} characters"));
        else
            return value.Trim();
        return null;
    }

    /// <summary><see cref="UploadedForm.CheckPicturesAsync"/> decides; this only puts its verdicts into words.</summary>
    private static async Task CheckPicturesAsync(Validation v, IReadOnlyList<StagedFile> files, long maxPixels, Func<string, string, string> say,
        CancellationToken cancellationToken)
    {
        foreach (var (field, messages) in await UploadedForm.CheckPicturesAsync(files, maxPixels, cancellationToken))
        {
            var file = files.First(f => f.Field == field);
            foreach (var message in messages)
                v.Add(field, say(ChineseProblem(file, maxPixels), message));
        }
    }

    private static string ChineseProblem(StagedFile file, long maxPixels)
    {
        var name = string.IsNullOrEmpty(file.FileName) ? "文件" : $"“{file.FileName}”";
        if (file.Length == 0)
            return $"{name}是空文件";
        var format = ImageSniffer.Sniff(file.Head).Format;
        return format switch
        {
            ImageFormat.Unknown => $"{name}不是图片，请上传 JPEG、PNG 或 WebP 格式的照片",
            not (ImageFormat.Jpeg or ImageFormat.Png or ImageFormat.WebP) => $"{name}是 {format} 格式，只接受 JPEG、PNG、WebP（请导出为 JPEG）",
            _ => $"{name}的像素超过 {maxPixels / 1_000_000} 百万，无法接受",
        };
    }
}
