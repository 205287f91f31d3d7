using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimLens.Web.Tests.Infrastructure;
using OpenCvSharp;

namespace ClaimLens.Benchmarks.Desk;

/// <summary>The reviewer's claim page on a real desk process (issue 4's target: ≤ 100 ms p95 on the server with 9
/// photos): a claim with nine analysed forgeries of the demo listing photo, answered by the merchant so it is in
/// review, opened by reviewer@demo with a sign-in cookie. Times are measured at the client over loopback, so they
/// include the HTTP round trip (an upper bound of the server's render time).
/// <code>dotnet run -c Release --project bench/ClaimLens.Benchmarks -- review-page [Sqlite|Postgres|both]</code></summary>
public static partial class ReviewPageLoad
{
    private const int Photos = 9;
    private const int Warmup = 50;
    private const int Requests = 300;

    public static async Task<int> RunAsync(string[] args)
    {
        var providers = args.FirstOrDefault() switch
        {
            "Postgres" => new[] { "Postgres" },
            "both" => ["Sqlite", "Postgres"],
            _ => ["Sqlite"],
        };
        Console.WriteLine($"review-page on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        foreach (var provider in providers)
            await RunAsync(provider);
        return 0;
    }

    private static async Task RunAsync(string provider)
    {
        var root = Directory.CreateTempSubdirectory("claimlens-review-page-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["contentRoot"] = root,
            ["ClaimLens:Demo"] = "true",
            ["ClaimLens:Database:Provider"] = provider,
            ["ClaimLens:Workers:Count"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
        };
        if (provider == "Postgres")
            settings["ClaimLens:Database:ConnectionString"] = await PostgresServer.CreateDatabaseAsync();
        await using (var desk = await DeskProcess.StartAsync(settings))
        {
            var keys = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(root, "data", "demo-keys.json")))!;
            using var merchant = desk.ClientFor(keys["merchant"]);
            merchant.Timeout = TimeSpan.FromMinutes(5);
            var id = await FileAnalysedClaimAsync(merchant);
            (await merchant.PostAsync($"/api/v1/claims/{id}/merchant-response",
                new MultipartFormDataContent { { new StringContent("主图加了裂纹 / our listing photo with cracks"), "text" } })).EnsureSuccessStatusCode();

            using var reviewer = await SignInAsync(desk.Address, "reviewer@demo", keys["reviewer@demo"]);
            var url = $"/review/claims/{id}";
            var first = await reviewer.GetAsync(url);
            var html = await first.Content.ReadAsStringAsync();
            if (first.StatusCode != HttpStatusCode.OK || CountOf(html, "data-photo") != Photos)
                throw new InvalidOperationException($"the claim page did not show {Photos} photos ({first.StatusCode})");
            var page = await TimeAsync(reviewer, url);
            Console.WriteLine($"[{provider}] GET {url.Replace(id.ToString(), "{id}", StringComparison.Ordinal)} with {Photos} analysed photos " +
                $"({html.Length / 1024} KB of HTML), {Requests} requests after {Warmup} untimed: {page}");
            // The same client on the cheapest endpoint, measured alike: what the machine and HTTP cost without the page.
            Console.WriteLine($"[{provider}] GET /health (baseline, same client): {await TimeAsync(reviewer, "/health")}");

            // The queue pages with 100,000 claims in review (as desk-load's queue phase seeds them).
            var clock = Stopwatch.StartNew();
            await DeskLoad.SeedReviewQueueAsync(provider, root);
            Console.WriteLine($"[{provider}] seeded 100,000 claims in review in {clock.Elapsed.TotalSeconds:F0} s");
            var deep = "/review";
            for (var i = 0; i < 5; i++)
            {
                var next = NextPage().Match(await reviewer.GetStringAsync(deep));
                if (!next.Success)
                    throw new InvalidOperationException("the queue has no next page");
                deep = WebUtility.HtmlDecode(next.Groups[1].Value);
            }
            foreach (var (name, queueUrl) in new[]
            {
                ("first page", "/review"), ("likely manipulated, older than 3 days", "/review?verdict=likely_manipulated&age=gt3d"),
                ("sixth page (keyset)", deep), ("claim page (neighbours among 100,000)", url),
            })
                Console.WriteLine($"[{provider}] 100,000 in review, {name}: {await TimeAsync(reviewer, queueUrl)}");
        }
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by the exiting desk; temp folders are cleaned by the OS
        }
    }

    private static async Task<string> TimeAsync(HttpClient client, string url)
    {
        var times = new List<double>(Requests);
        for (var i = 0; i < Warmup + Requests; i++)
        {
            var one = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            if (i >= Warmup)
                times.Add(one.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        double P(double q) => times[Math.Min(times.Count - 1, (int)(times.Count * q))];
        return $"p50 {P(0.50):F1} ms, p95 {P(0.95):F1} ms, p99 {P(0.99):F1} ms, max {times[^1]:F1} ms";
    }

    /// <summary>Files a claim on the demo order with nine different forgeries of the demo listing photo and waits
    /// until the desk's workers have analysed them all (the claim then waits for the merchant).</summary>
    private static async Task<Guid> FileAnalysedClaimAsync(HttpClient merchant)
    {
        using var listing = ClaimLens.DevSet.ProductPhoto.Draw();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("DEMO-0001"), "orderNo" }, { new StringContent("LOCK-S1"), "sku" },
            { new StringContent("refund_only"), "type" }, { new StringContent("九张照片 / nine photos"), "reason" }, { new StringContent("899"), "amount" },
        };
        for (var i = 0; i < Photos; i++)
        {
            var rng = new Random(i + 1);
            var (forged, truth) = ClaimLens.DevSet.Forgery.Apply(listing, ClaimLens.DevSet.ForgeryKind.Crack, rng, 0.02);
            using (forged)
            using (truth)
            {
                Cv2.ImEncode(".jpg", forged, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, 85));
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                form.Add(content, "photos", $"IMG_{i + 1}.jpg");
            }
        }
        var filed = await merchant.PostAsync("/api/v1/claims", form);
        filed.EnsureSuccessStatusCode();
        var id = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        for (var i = 0; i < 1200; i++)
        {
            var claim = await merchant.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{id}");
            if (claim.GetProperty("status").GetString() != "analyzing")
                return id;
            await Task.Delay(250);
        }
        throw new TimeoutException("the nine photos were not analysed in 5 minutes");
    }

    private static async Task<HttpClient> SignInAsync(Uri address, string userName, string password)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = address, Timeout = TimeSpan.FromSeconds(60),
        };
        var login = await client.GetStringAsync("/account/login");
        var token = WebUtility.HtmlDecode(TokenPattern().Match(login).Groups[1].Value);
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName, ["password"] = password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in as {userName} failed: {response.StatusCode}");
        return client;
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
            n++;
        return n;
    }

    [GeneratedRegex("<a class=\"button\" href=\"([^\"]+)\"[^>]*rel=\"next\"")]
    private static partial Regex NextPage();

    [GeneratedRegex("name=\"request-verification-token\" content=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
