using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Catalog;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimLens.Web.Orders;

/// <summary>Orders and their packing photos and videos.</summary>
public static class OrdersApi
{
    public static RouteGroupBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/orders").WithTags("Orders").RequireAuthorization(Policies.Merchant);
        group.MapPost("/", CreateOrder).WithName("CreateOrder").WithSummary("Register an order: buyer, lines, shipping and delivery times.");
        group.MapGet("/{orderNo}", GetOrder).WithName("GetOrder").WithSummary("An order, its lines and packing media (phone masked).");
        group.MapPost("/{orderNo}/buyer-phone-reveal", RevealBuyerPhone).WithName("RevealBuyerPhone")
            .WithSummary("The buyer's full phone number; the reveal is written to the audit log with who and why.");
        group.MapPost("/{orderNo}/packing-media", AddPackingMedia).WithName("AddPackingMedia")
            .WithSummary("Add packing photos and videos (multipart field `files`); videos become reference frames.").DisableAntiforgery();
        return group;
    }

    public static async Task<Results<Created<OrderDto>, ValidationProblem>> CreateOrder(
        CreateOrderRequest request, ClaimLensDbContext db, PersonalData personal, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var merchant = caller.RequireMerchant();
        var v = new Validation();
        var orderNo = v.Required("orderNo", request.OrderNo, 64);
        var buyerId = v.Required("buyerId", request.BuyerId, 128);
        var phone = PersonalData.NormalizePhone(request.BuyerPhone);
        if (phone is null)
            v.Add("buyerPhone", "buyerPhone must be a mainland mobile number (11 digits starting with 1, +86 allowed)");
        if (request.ShippedAt is { } shipped && request.DeliveredAt is { } delivered && delivered < shipped)
            v.Add("deliveredAt", "deliveredAt is before shippedAt");
        if (request.Lines is not { Count: > 0 })
            v.Add("lines", "at least one order line is required");
        var lines = request.Lines ?? [];
        var skus = lines.Select(l => l.Sku).OfType<string>().ToList();
        var known = await db.Products.Where(p => p.MerchantId == merchant && skus.Contains(p.Sku)).Select(p => p.Sku).ToListAsync(cancellationToken);
        for (var i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i].Sku))
                v.Add($"lines[{i}].sku", "sku is required");
            else if (!known.Contains(lines[i].Sku!))
                v.Add($"lines[{i}].sku", $"no product with SKU \"{lines[i].Sku}\"");
            if (lines[i].Quantity is < 1 or > 10_000)
                v.Add($"lines[{i}].quantity", "quantity must be 1 to 10000");
            if (lines[i].UnitPrice is < 0 or > 10_000_000)
                v.Add($"lines[{i}].unitPrice", "unitPrice must be 0 to 10000000");
        }
        if (orderNo is not null && await db.Orders.AnyAsync(o => o.MerchantId == merchant && o.OrderNo == orderNo, cancellationToken))
            v.Add("orderNo", $"an order \"{orderNo}\" exists already");
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());

        var now = time.GetUtcNow();
        var order = new Order
        {
            Id = Guid.CreateVersion7(now), MerchantId = merchant, OrderNo = orderNo!, BuyerId = buyerId!,
            BuyerPhoneProtected = personal.Protect(phone!), BuyerKey = personal.BlindIndex("buyer", phone!),
            ShippedAt = request.ShippedAt?.ToUniversalTime(), DeliveredAt = request.DeliveredAt?.ToUniversalTime(), CreatedAt = now,
            BuyerLinkToken = BuyerLink.NewToken(),
            Lines = lines.Select(l => new OrderLine { Id = Guid.CreateVersion7(now), Sku = l.Sku!, Quantity = l.Quantity, UnitPrice = l.UnitPrice }).ToList(),
        };
        db.Orders.Add(order);
        db.Append(time, caller.Actor, "order.created", "order", order.Id, merchant, new { order.OrderNo, lines = order.Lines.Count });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/orders/{Uri.EscapeDataString(order.OrderNo)}", OrderDto.From(order, personal));
    }

    public static async Task<Results<Ok<OrderDto>, NotFound>> GetOrder(
        string orderNo, ClaimLensDbContext db, PersonalData personal, HttpContext http, CancellationToken cancellationToken)
    {
        var merchant = Caller.From(http.User).RequireMerchant();
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.PackingMedia)
            .SingleOrDefaultAsync(o => o.MerchantId == merchant && o.OrderNo == orderNo, cancellationToken);
        return order is null ? TypedResults.NotFound() : TypedResults.Ok(OrderDto.From(order, personal));
    }

    public static Task<Results<Ok<RevealedPhone>, NotFound, ValidationProblem>> RevealBuyerPhone(
        string orderNo, RevealInput input, HttpContext http, ClaimLensDbContext db, PersonalData personal, TimeProvider time, CancellationToken cancellationToken) =>
        PhoneReveal.RevealAsync(input, Caller.From(http.User), db, personal, time, "order.buyer_phone_revealed", "order",
            async merchant => await db.Orders.AsNoTracking().Where(o => o.MerchantId == merchant && o.OrderNo == orderNo)
                .Select(o => new { o.Id, o.BuyerPhoneProtected }).SingleOrDefaultAsync(cancellationToken) is { } order
                ? (order.Id, order.BuyerPhoneProtected) : null, cancellationToken);

    public static async Task<Results<Created<OrderDto>, NotFound, ValidationProblem>> AddPackingMedia(
        string orderNo, HttpContext http, ClaimLensDbContext db, MediaStore store, PersonalData personal, JobQueue queue, JobSignal signal,
        IOptions<MediaOptions> media, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var merchant = caller.RequireMerchant();
        var order = await db.Orders.Include(o => o.Lines).Include(o => o.PackingMedia)
            .SingleOrDefaultAsync(o => o.MerchantId == merchant && o.OrderNo == orderNo, cancellationToken);
        if (order is null)
            return TypedResults.NotFound();
        using var form = await UploadedForm.ReadAsync(http.Request, store, new HashSet<string> { "files" }, 20, media.Value.MaxVideoBytes, cancellationToken);
        var v = new Validation();
        if (form.Files.Count == 0)
            v.Add("files", "at least one packing photo or video is required");
        foreach (var file in form.Files)
            file.ContentType = VideoSniffer.ContentType(file.Path);
        var videos = form.Files.Where(f => f.ContentType.StartsWith("video/", StringComparison.Ordinal)).ToList();
        var photos = form.Files.Except(videos).ToList();
        foreach (var photo in photos.Where(p => p.Length > media.Value.MaxPhotoBytes))
            v.Add(photo.Field, $"{MediaStore.Describe(photo.FileName)} is larger than {media.Value.MaxPhotoBytes / (1024 * 1024)} MB");
        v.Merge(await UploadedForm.CheckPicturesAsync(photos, media.Value.MaxPixels, cancellationToken));
        if (!v.IsValid)
            return TypedResults.ValidationProblem(v.ToDictionary());

        var now = time.GetUtcNow();
        await MediaCommit.CommitAsync(db, store, form.Files, now, cancellationToken);
        foreach (var file in form.Files)
        {
            var item = new PackingMedia
            {
                Id = Guid.CreateVersion7(now), OrderId = order.Id, Sha256 = file.Sha256, FileName = CatalogApi.SafeName(file.FileName),
                Kind = videos.Contains(file) ? PackingMediaKind.Video : PackingMediaKind.Photo, CreatedAt = now,
            };
            order.PackingMedia.Add(item);
            if (item.Kind == PackingMediaKind.Video)
                queue.Enqueue(JobKind.ExtractFrames, item.Id);
        }
        db.Append(time, caller.Actor, "order.packing_media_added", "order", order.Id, merchant,
            new { photos = photos.Count, videos = videos.Count });
        await db.SaveChangesAsync(cancellationToken);
        if (videos.Count > 0)
            signal.Notify(videos.Count);
        return TypedResults.Created($"/api/v1/orders/{Uri.EscapeDataString(order.OrderNo)}", OrderDto.From(order, personal));
    }
}
