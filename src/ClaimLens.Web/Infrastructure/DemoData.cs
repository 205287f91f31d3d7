using System.Text.Json;
using ClaimLens.DevSet;
using ClaimLens.Web.Accounts;
using ClaimLens.Web.Audit;
using ClaimLens.Web.Catalog;
using ClaimLens.Web.Claims;
using ClaimLens.Web.Data;
using ClaimLens.Web.Evidence;
using ClaimLens.Web.Orders;
using Microsoft.EntityFrameworkCore;
using OpenCvSharp;

namespace ClaimLens.Web.Infrastructure;

/// <summary>The embedded demo (<c>ClaimLens:Demo=true</c>): a merchant with a product and its generated listing
/// photo, an order, and a claim whose photo is that listing photo with a crack painted in; plus merchant,
/// reviewer and admin API keys. Keys are written once to <c>data/demo-keys.json</c> (readable by the owner only)
/// and printed at every start, because only their hashes are in the database.</summary>
public static class DemoData
{
    public const string MerchantName = "演示旗舰店 Demo Store";

    public static async Task SeedAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<ClaimLensDbContext>();
        var environment = sp.GetRequiredService<IHostEnvironment>();
        var keyFile = Path.Combine(environment.ContentRootPath, "data", "demo-keys.json");
        if (!await db.Merchants.AnyAsync(m => m.Name == MerchantName) || !File.Exists(keyFile))
            await CreateAsync(sp, db, keyFile);
        var keys = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(keyFile)) ?? [];
        var changed = await EnsureUsersAsync(sp, db, keys);
        changed |= await DemoTechnician.EnsureAsync(sp, db, await db.Merchants.Where(m => m.Name == MerchantName).Select(m => m.Id).FirstAsync(), keys);
        if (changed)
            await WriteKeysAsync(keyFile, keys);
        var claimId = await db.Claims.Where(c => c.Sku == "LOCK-S1").OrderBy(c => c.CreatedAt).Select(c => c.Id).FirstAsync();
        // Printed once the server listens, so the address is the real one.
        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app.Urls.FirstOrDefault() ?? "http://localhost:5000", keys, claimId));
    }

    private static void PrintBanner(string address, Dictionary<string, string> keys, Guid claimId)
    {
        var merchant = keys.GetValueOrDefault("merchant");
        Console.WriteLine($"""

            ClaimLens desk 售后证据台 is running at {address}
              database: SQLite in data/claimlens.db, media in data/media (the embedded default)
              OpenAPI:  {address}/openapi/v1.json    health: {address}/health

            Sign in at {address}/account/login (passwords kept in data/demo-keys.json):
              {string.Join("\n  ", DemoUsers.Select(u => $"{u.Role.ToString().ToLowerInvariant(),-9} {u.UserName,-22} {keys.GetValueOrDefault(u.UserName)}"))}
              {"technician",-9} {DemoTechnician.UserName,-22} {keys.GetValueOrDefault(DemoTechnician.UserName)}   (phone page: {address}/technician)
            The demo buyer's order link: {address}/buyer/orders/{keys.GetValueOrDefault("order-link")}

            Demo API keys (Authorization: Bearer <key>):
              merchant  {merchant}
              reviewer  {keys.GetValueOrDefault("reviewer")}
              admin     {keys.GetValueOrDefault("admin")}

            The demo claim (a listing photo with a crack painted in):
              curl -s -H "Authorization: Bearer {merchant}" {address}/api/v1/claims/{claimId}
            Stop with Ctrl+C.
            """);
    }

    private static async Task CreateAsync(IServiceProvider sp, ClaimLensDbContext db, string keyFile)
    {
        var time = sp.GetRequiredService<TimeProvider>();
        var store = sp.GetRequiredService<MediaStore>();
        var personal = sp.GetRequiredService<PersonalData>();
        var queue = sp.GetRequiredService<JobQueue>();
        var now = time.GetUtcNow();
        var merchant = new Merchant { Id = Guid.CreateVersion7(now), Name = MerchantName, CreatedAt = now };
        db.Merchants.Add(merchant);
        var keys = new Dictionary<string, string>();
        void Key(string label, Role role, Guid? merchantId)
        {
            var key = ApiKeyAuthentication.NewKey();
            keys[label] = key;
            db.ApiKeys.Add(new ApiKey
            {
                Id = Guid.CreateVersion7(now), MerchantId = merchantId, Role = role, Name = $"demo {label}", Prefix = key[..12],
                SecretHash = ApiKeyAuthentication.Hash(key), CreatedAt = now,
            });
        }
        Key("merchant", Role.Merchant, merchant.Id);
        Key("reviewer", Role.Reviewer, null);
        Key("admin", Role.Admin, null);

        using var listing = ProductPhoto.Draw();
        var listingSha = await PutAsync(db, store, listing, 92, now);
        var product = new Product { Id = Guid.CreateVersion7(now), MerchantId = merchant.Id, Sku = "LOCK-S1", Brand = "ClaimLens", Name = "智能门锁 S1 Smart Lock", CreatedAt = now };
        product.ReferencePhotos.Add(new ReferencePhoto { Id = Guid.CreateVersion7(now), ProductId = product.Id, Sha256 = listingSha, FileName = "lock-s1-main.jpg", CreatedAt = now });
        db.Products.Add(product);

        const string phone = "13800138000";
        var order = new Order
        {
            Id = Guid.CreateVersion7(now), MerchantId = merchant.Id, OrderNo = "DEMO-0001", BuyerId = "buyer-demo",
            BuyerPhoneProtected = personal.Protect(phone), BuyerKey = personal.BlindIndex("buyer", phone),
            ShippedAt = now.AddDays(-4), DeliveredAt = now.AddDays(-2), CreatedAt = now, BuyerLinkToken = BuyerLink.NewToken(),
            Lines = [new OrderLine { Id = Guid.CreateVersion7(now), Sku = product.Sku, Quantity = 1, UnitPrice = 899m }],
        };
        db.Orders.Add(order);

        // The buyer's forgery: a crack painted onto the listing photo, resized to half and re-saved by a phone.
        var (phonePhoto, phoneTruth) = DemoForgery.Make(listing);
        string claimSha;
        using (phonePhoto)
        using (phoneTruth)
            claimSha = await PutAsync(db, store, phonePhoto, DemoForgery.JpegQuality, now);
        var claim = new Claim
        {
            Id = Guid.CreateVersion7(now), MerchantId = merchant.Id, OrderId = order.Id, Sku = product.Sku, Type = ClaimType.RefundOnly,
            Reason = "收到时门锁面板有裂纹 / The panel arrived cracked", Amount = 899m, Status = ClaimStatus.Analyzing,
            BuyerKey = order.BuyerKey, CreatedAt = now, UpdatedAt = now,
        };
        var photo = new EvidencePhoto
        {
            Id = Guid.CreateVersion7(now), ClaimId = claim.Id, Ordinal = 1, Sha256 = claimSha, FileName = "IMG_2041.jpg", CreatedAt = now,
        };
        claim.Photos.Add(photo);
        db.Claims.Add(claim);
        queue.Enqueue(JobKind.AnalyzePhoto, photo.Id);
        db.Append(time, "demo", "demo.seeded", "merchant", merchant.Id, merchant.Id, new { product.Sku, order.OrderNo, claim = claim.Id });
        await db.SaveChangesAsync();

        await WriteKeysAsync(keyFile, keys);
    }

    private static readonly (string UserName, Role Role, bool OfMerchant, string DisplayName)[] DemoUsers =
    [
        ("merchant@demo", Role.Merchant, true, "演示店客服 Demo merchant"),
        ("reviewer@demo", Role.Reviewer, false, "审核员 Demo reviewer"),
        ("admin@demo", Role.Admin, false, "管理员 Demo admin"),
    ];

    /// <summary>Adds the demo people who sign in to the pages (also to a demo made before the pages existed).</summary>
    private static async Task<bool> EnsureUsersAsync(IServiceProvider sp, ClaimLensDbContext db, Dictionary<string, string> keys)
    {
        var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<DeskUser>>();
        var time = sp.GetRequiredService<TimeProvider>();
        var merchantId = await db.Merchants.Where(m => m.Name == MerchantName).Select(m => m.Id).FirstAsync();
        var changed = false;
        foreach (var (userName, role, ofMerchant, displayName) in DemoUsers)
        {
            if (await users.FindByNameAsync(userName) is not null && keys.ContainsKey(userName))
                continue;
            if (await users.FindByNameAsync(userName) is { } stale)
                await users.DeleteAsync(stale);
            var password = DeskUsers.NewPassword();
            var (user, result) = await DeskUsers.CreateAsync(users, time, userName, password, role, ofMerchant ? merchantId : null, displayName);
            if (user is null)
                throw new InvalidOperationException($"could not create demo user {userName}: {DeskUsers.Describe(result)}");
            keys[userName] = password;
            changed = true;
        }
        if (!keys.ContainsKey("order-link"))
        {
            var order = await db.Orders.Where(o => o.MerchantId == merchantId && o.OrderNo == "DEMO-0001").FirstAsync();
            keys["order-link"] = order.BuyerLinkToken ??= Orders.BuyerLink.NewToken();
            await db.SaveChangesAsync();
            changed = true;
        }
        return changed;
    }

    private static async Task WriteKeysAsync(string keyFile, Dictionary<string, string> keys)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
        await File.WriteAllTextAsync(keyFile, JsonSerializer.Serialize(keys));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static async Task<string> PutAsync(ClaimLensDbContext db, MediaStore store, Mat image, int quality, DateTimeOffset now)
    {
        Cv2.ImEncode(".jpg", image, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        var sha = await store.PutAsync(bytes, CancellationToken.None);
        if (!db.MediaBlobs.Local.Any(b => b.Sha256 == sha) && !await db.MediaBlobs.AnyAsync(b => b.Sha256 == sha))
            db.MediaBlobs.Add(new MediaBlob { Sha256 = sha, Length = bytes.Length, ContentType = "image/jpeg", CreatedAt = now });
        return sha;
    }
}
