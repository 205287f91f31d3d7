using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ClaimLens.Web.Tests.Infrastructure;
using Npgsql;
using OpenCvSharp;

namespace ClaimLens.Benchmarks.Desk;

/// <summary>Load on a real desk process (Kestrel on loopback), for issue 3's targets: claim intake with three 3 MB
/// photos (claims/s sustained), the review queue with 100,000 claims in the database (p50/p99), and background
/// analysis throughput against the engine's own speed times the cores. Not BenchmarkDotNet: the quantities are
/// throughput and latency percentiles of a server under concurrent load.
/// <code>dotnet run -c Release --project bench/ClaimLens.Benchmarks -- desk-load [Sqlite|Postgres|both] [intake] [queue] [analysis] [photos]</code>
/// (naming phases runs only those; a number sets how many claims the analysis phase files, default 24).</summary>
public static class DeskLoad
{
    private const int IntakeClaims = 600;
    private const int IntakeWarmup = 200;
    private const int IntakeConcurrency = 8;
    private const int QueueRows = 100_000;
    private const int QueueRequests = 1_000;
    private const int DefaultAnalysisClaims = 24;

    public static async Task<int> RunAsync(string[] args)
    {
        string[] phases = ["intake", "queue", "analysis"];
        var chosen = phases.Where(args.Contains).ToHashSet();
        if (chosen.Count == 0)
            chosen = phases.ToHashSet();
        var providers = args.FirstOrDefault() switch
        {
            "Sqlite" => new[] { "Sqlite" },
            "Postgres" => ["Postgres"],
            _ => ["Sqlite", "Postgres"],
        };
        var analysisClaims = args.Select(a => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .FirstOrDefault(n => n > 0, DefaultAnalysisClaims);
        Console.WriteLine($"desk-load on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var photos = MakePhotos();
        Console.WriteLine($"photos: 3 x {photos.Average(p => p.Length) / 1e6:F1} MB JPEG (12 MP)");
        foreach (var provider in providers)
        {
            if (chosen.Contains("intake"))
                await IntakeAsync(provider, photos);
            if (chosen.Contains("queue"))
                await ReviewQueueAsync(provider);
        }
        if (chosen.Contains("analysis"))
            await AnalysisAsync(providers[0], analysisClaims);
        return 0;
    }

    private static async Task IntakeAsync(string provider, byte[][] photos)
    {
        var (desk, root, key) = await StartAsync(provider, workers: 0);
        await using (desk)
        {
            using var client = Client(desk, key);
            // Untimed first round: JIT tiering and connection set-up are not what "sustained" means. perf over the timed
            // window after 40 untimed claims still had the tiered-compilation worker at 22 % of the desk's processor time.
            await SendClaimsAsync(client, photos, 0, IntakeWarmup);
            var clock = Stopwatch.StartNew();
            var (deskBefore, clientBefore) = (ProcessStat.Read(desk.ProcessId), ProcessStat.Read(Environment.ProcessId));
            var (sent, failures) = await SendClaimsAsync(client, photos, IntakeWarmup, IntakeClaims);
            var seconds = clock.Elapsed.TotalSeconds;
            var (deskUsed, clientUsed) = (ProcessStat.Read(desk.ProcessId) - deskBefore, ProcessStat.Read(Environment.ProcessId) - clientBefore);
            Console.WriteLine($"[{provider}] intake: {sent} claims x 3 photos ({sent * 3 * photos.Average(p => p.Length) / 1e9:F2} GB) in {seconds:F1} s = " +
                $"{sent / seconds:F1} claims/s, {failures} failed (concurrency {IntakeConcurrency}, workers off, after {IntakeWarmup} untimed)");
            // Where the 2 cores went: the desk, this load generator (which shares them), the rest of the machine.
            Console.WriteLine($"[{provider}] intake, processor time per claim: desk {(deskUsed / sent).Processor.TotalMilliseconds:F1} ms ({deskUsed / sent}), " +
                $"load generator {(clientUsed / sent).Processor.TotalMilliseconds:F1} ms; cores busy: desk {deskUsed.Processor.TotalSeconds / seconds:F2}, " +
                $"load generator {clientUsed.Processor.TotalSeconds / seconds:F2}, machine idle {deskUsed.MachineIdle.TotalSeconds / seconds:F2}");
        }
        TryDelete(root);
    }

    private static async Task<(int Sent, int Failures)> SendClaimsAsync(HttpClient client, byte[][] photos, int first, int count)
    {
        var sent = 0;
        var failures = 0;
        await Parallel.ForEachAsync(Enumerable.Range(first, count), new ParallelOptions { MaxDegreeOfParallelism = IntakeConcurrency }, async (i, ct) =>
        {
            // Each claim's photos are distinct files (a few bytes after the JPEG's end), as real uploads are.
            using var form = ClaimForm(photos.Select(p => (HttpContent)new SuffixedPhotoContent(p, i)).ToArray());
            var response = await client.PostAsync("/api/v1/claims", form, ct);
            if (response.StatusCode != HttpStatusCode.Accepted)
                Interlocked.Increment(ref failures);
            Interlocked.Increment(ref sent);
        });
        return (sent, failures);
    }

    /// <summary>A claim on the demo order with the given JPEG photos.</summary>
    private static MultipartFormDataContent ClaimForm(params byte[][] photos) =>
        ClaimForm(photos.Select(p => (HttpContent)new ByteArrayContent(p) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }).ToArray());

    private static MultipartFormDataContent ClaimForm(params HttpContent[] photos)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("DEMO-0001"), "orderNo" }, { new StringContent("LOCK-S1"), "sku" },
            { new StringContent("refund_only"), "type" }, { new StringContent("load"), "reason" }, { new StringContent("10"), "amount" },
        };
        for (var p = 0; p < photos.Length; p++)
            form.Add(photos[p], "photos", $"p{p}.jpg");
        return form;
    }

    private static async Task ReviewQueueAsync(string provider)
    {
        var (desk, root, _) = await StartAsync(provider, workers: 0);
        await using (desk)
        {
            var clock = Stopwatch.StartNew();
            await SeedReviewQueueAsync(provider, root);
            Console.WriteLine($"[{provider}] seeded {QueueRows:N0} claims in review in {clock.Elapsed.TotalSeconds:F1} s");
            var keys = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(root, "data", "demo-keys.json")))!;
            using var client = Client(desk, keys["reviewer"]);
            var times = new List<double>();
            var byQuery = new Dictionary<string, List<double>>();
            for (var i = 0; i < QueueRequests + 50; i++)
            {
                var query = (i % 4) switch
                {
                    0 => "/api/v1/review-queue",
                    1 => "/api/v1/review-queue?verdict=likely_manipulated&limit=50",
                    2 => "/api/v1/review-queue?offset=500&limit=50",
                    _ => "/api/v1/review-queue?minAgeHours=24&limit=100",
                };
                var one = Stopwatch.StartNew();
                var response = await client.GetAsync(query);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                if (i >= 50)
                {
                    times.Add(one.Elapsed.TotalMilliseconds);
                    if (!byQuery.TryGetValue(query, out var list))
                        byQuery[query] = list = [];
                    list.Add(one.Elapsed.TotalMilliseconds);
                }
            }
            times.Sort();
            Console.WriteLine($"[{provider}] GET /api/v1/review-queue over {QueueRows:N0} claims, {QueueRequests} requests: " +
                $"p50 {times[times.Count / 2]:F2} ms, p99 {times[(int)(times.Count * 0.99)]:F2} ms, max {times[^1]:F2} ms");
            foreach (var (query, list) in byQuery)
            {
                list.Sort();
                Console.WriteLine($"    {query}: p50 {list[list.Count / 2]:F2} ms, p99 {list[(int)(list.Count * 0.99)]:F2} ms");
            }
        }
        TryDelete(root);
    }

    private static async Task AnalysisAsync(string provider, int analysisClaims)
    {
        // The engine alone, one image at a time on one thread (OpenCV single-threaded too): the reference point.
        Cv2.SetNumThreads(1);
        using var listing = ClaimLens.DevSet.ProductPhoto.Draw();
        Cv2.ImEncode(".jpg", listing, out var listingBytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, 92));
        // The buyer paints on the listing as served, the JPEG the merchant uploaded (the demo's reference photo).
        using var downloaded = Cv2.ImDecode(listingBytes, ImreadModes.Color);
        var claims = Enumerable.Range(0, analysisClaims).Select(i => Forged(downloaded, i)).ToList();
        // The engine's reference figures need no more than the default count: a long desk run times the same photos.
        var engineClaims = claims.Take(DefaultAnalysisClaims).ToList();
        using (var reference = ClaimLens.Forensics.Derivation.ReferenceImage.Load(listingBytes, "listing"))
        {
            var engine = Stopwatch.StartNew();
            var engineCpu = ProcessStat.Read(Environment.ProcessId);
            foreach (var claim in engineClaims)
                ClaimLens.Forensics.EvidenceAnalyzer.Analyze(claim, new ClaimLens.Forensics.AnalysisOptions { References = [reference] }).Dispose();
            var perImage = engine.Elapsed.TotalSeconds / engineClaims.Count;
            // Processor time as well as wall time: other sessions share the 2 cores, so the desk's wall time below
            // can lose a core to them; processor time per photo compares the two processes' work regardless.
            var engineStat = (ProcessStat.Read(Environment.ProcessId) - engineCpu) / engineClaims.Count;
            var perImageCpu = engineStat.Processor.TotalSeconds;
            // The same with a (small) reuse index to look each photo up in, as the desk does for every photo.
            var indexPath = Path.Combine(Path.GetTempPath(), $"claimlens-load-{Guid.NewGuid():N}.idx");
            var lookup = ClaimLens.Forensics.Reuse.ReuseIndexFile.OpenOrCreate(indexPath);
            var withReuse = Stopwatch.StartNew();
            foreach (var claim in engineClaims)
                ClaimLens.Forensics.EvidenceAnalyzer.Analyze(claim, new ClaimLens.Forensics.AnalysisOptions { References = [reference], Reuse = lookup }).Dispose();
            var perImageWithReuse = withReuse.Elapsed.TotalSeconds / engineClaims.Count;
            File.Delete(indexPath);
            Console.WriteLine($"[{provider}] engine alone, one thread: {perImage * 1000:F0} ms per image ({engineStat}); with a reuse lookup: {perImageWithReuse * 1000:F0} ms");
            // The same images on every core at once, engine only: how far the hardware itself scales (shared cache
            // and memory bandwidth), to tell the desk's overhead from the machine's.
            var parallel = Stopwatch.StartNew();
            Parallel.ForEach(engineClaims, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, claim =>
                ClaimLens.Forensics.EvidenceAnalyzer.Analyze(claim, new ClaimLens.Forensics.AnalysisOptions { References = [reference] }).Dispose());
            var engineParallel = parallel.Elapsed.TotalSeconds;
            Console.WriteLine($"[{provider}] engine alone on {Environment.ProcessorCount} threads: {engineClaims.Count} images in {engineParallel:F1} s " +
                $"({perImage * engineClaims.Count / Environment.ProcessorCount / engineParallel * 100:F0} % of engine x images / cores)");
            // Claims are filed into a desk with its workers off, then a desk with a worker per core is started on
            // the same data and timed until every photo is analysed: intake's own CPU does not mix in.
            var (intake, root, key) = await StartAsync(provider, workers: 0);
            await using (intake)
            {
                using var client = Client(intake, key);
                foreach (var claim in claims)
                {
                    using var form = ClaimForm(claim);
                    (await client.PostAsync("/api/v1/claims", form)).EnsureSuccessStatusCode();
                }
            }
            var clock = Stopwatch.StartNew();
            var (workers, _, _) = await StartAsync(provider, workers: Environment.ProcessorCount, root);
            await using (workers)
            {
                var started = clock.Elapsed.TotalSeconds;
                var startedCpu = ProcessStat.Read(workers.ProcessId);
                var cores = Environment.ProcessorCount;
                var total = claims.Count + 1;
                // Marks: each worker's first photo done (the process's start-up JIT, the first reference's
                // preparation), and half of the photos done (the tiered JIT's background compiling has mostly settled).
                var marks = await WaitForAnalysisAsync(provider, root, total, [cores, total / 2], clock, () => ProcessStat.Read(workers.ProcessId));
                var elapsed = clock.Elapsed.TotalSeconds - started;
                var end = (At: clock.Elapsed.TotalSeconds, Cpu: ProcessStat.Read(workers.ProcessId), Done: total);
                var ideal = perImage * total / cores;
                Console.WriteLine($"[{provider}] analysis: engine alone {perImage * 1000:F0} ms per image on one thread; the desk analysed {total} " +
                    $"photos in {elapsed:F1} s after start-up with {cores} workers (ideal {ideal:F1} s = engine x photos / cores): " +
                    $"{ideal / elapsed * 100:F0} % of ideal");
                // Wall time against the engine's wall time, and the desk's whole process (engine, database, JIT, GC)
                // in processor time per photo against the engine's: the second does not move when other sessions
                // take a core from the desk. Pessimistic by up to one partial photo per worker.
                foreach (var (label, from) in new[] { ("all photos", (At: started, Cpu: startedCpu, Done: 0)), ("after the first photos", marks[0]), ("second half", marks[1]) })
                {
                    var photos = end.Done - from.Done;
                    var wall = end.At - from.At;
                    var stat = (end.Cpu - from.Cpu) / photos;
                    var stepIdeal = perImage * photos / cores;
                    Console.WriteLine($"[{provider}] analysis, {label}: {photos} photos in {wall:F1} s (ideal {stepIdeal:F1} s): {stepIdeal / wall * 100:F0} % of ideal; " +
                        $"processor time {stat.Processor.TotalMilliseconds:F0} ms per photo ({stat}) against the engine's {perImageCpu * 1000:F0} ms: " +
                        $"{perImageCpu / stat.Processor.TotalSeconds * 100:F0} % of ideal; the desk kept {(end.Cpu - from.Cpu).Processor.TotalSeconds / wall:F2} " +
                        $"cores busy, {(end.Cpu - from.Cpu).MachineIdle.TotalSeconds / wall:F2} of the machine's were idle");
                }
            }
            TryDelete(root);
        }
    }

    private static async Task<(DeskProcess Desk, string Root, string MerchantKey)> StartAsync(string provider, int workers, string? existingRoot = null)
    {
        var root = existingRoot ?? Directory.CreateTempSubdirectory("claimlens-load-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["contentRoot"] = root,
            ["ClaimLens:Demo"] = "true",
            ["ClaimLens:Workers:Count"] = workers.ToString(CultureInfo.InvariantCulture),
            ["ClaimLens:Database:Provider"] = provider,
        };
        if (provider == "Postgres")
            settings["ClaimLens:Database:ConnectionString"] = existingRoot is null ? await PostgresServer.CreateDatabaseAsync() : LastPostgresDatabase;
        var desk = await DeskProcess.StartAsync(settings);
        var keys = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(root, "data", "demo-keys.json")))!;
        return (desk, root, keys["merchant"]);
    }

    private static HttpClient Client(DeskProcess desk, string key)
    {
        var client = desk.ClientFor(key);
        client.Timeout = TimeSpan.FromMinutes(5);
        return client;
    }

    internal static async Task SeedReviewQueueAsync(string provider, string root)
    {
        // Straight SQL in one transaction: the point is the read path, not how fast seeding is.
        await using var connection = await Connect(provider, root);
        await using var tx = await connection.BeginTransactionAsync();
        var ids = await QueryScalar(connection, tx, "SELECT \"MerchantId\" || '|' || \"Id\" || '|' || \"BuyerKey\" FROM \"Orders\" LIMIT 1");
        var parts = ids.Split('|');
        var rng = new Random(1);
        var now = DateTimeOffset.UtcNow;
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        var time = provider == "Postgres" ? "@t::timestamptz" : "@t";
        command.CommandText = "INSERT INTO \"Claims\" (\"Id\",\"MerchantId\",\"OrderId\",\"Sku\",\"Type\",\"Reason\",\"Amount\",\"Status\",\"BuyerKey\",\"Risk\",\"Verdict\",\"CreatedAt\",\"UpdatedAt\",\"ReviewDueAt\",\"Version\") " +
            $"VALUES (@id, @m, @o, 'LOCK-S1', 'RefundOnly', 'seed', 10, 'InReview', @b, @r, @v, {time}, {time}, {time}, 0)";
        var id = Add(command, "id");
        Add(command, "m").Value = provider == "Postgres" ? Guid.Parse(parts[0]) : parts[0];
        Add(command, "o").Value = provider == "Postgres" ? Guid.Parse(parts[1]) : parts[1];
        var buyer = Add(command, "b");
        var risk = Add(command, "r");
        var verdict = Add(command, "v");
        var at = Add(command, "t");
        for (var i = 0; i < QueueRows; i++)
        {
            var r = rng.Next(101);
            var created = now.AddMinutes(-rng.Next(60 * 24 * 30));
            id.Value = provider == "Postgres" ? Guid.CreateVersion7(created) : Guid.CreateVersion7(created).ToString().ToUpperInvariant();
            // Each claim its own buyer, as in life: the reviewer's page reads the buyer's standing.
            buyer.Value = $"seed-buyer-{i}";
            risk.Value = r;
            verdict.Value = r >= 70 ? "likely_manipulated" : r >= 30 ? "needs_review" : "no_manipulation_found";
            at.Value = provider == "Postgres" ? created : created.ToUnixTimeMilliseconds();
            await command.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        // What the desk's statistics upkeep does (autovacuum on PostgreSQL, SqliteMaintenance hourly on SQLite),
        // done at once so the measurement does not wait an hour for it.
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = provider == "Postgres" ? "ANALYZE \"Claims\"" : "PRAGMA analysis_limit=1000; ANALYZE;";
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>Waits until <paramref name="photos"/> are analysed; returns the clock's time, the desk's processor time
    /// and the count analysed when each of <paramref name="marks"/> (counts of photos) was reached.</summary>
    private static async Task<(double At, ProcessStat Cpu, int Done)[]> WaitForAnalysisAsync(string provider, string root, int photos, int[] marks,
        Stopwatch clock, Func<ProcessStat> cpu)
    {
        await using var connection = await Connect(provider, root);
        var reached = new (double At, ProcessStat Cpu, int Done)?[marks.Length];
        for (var i = 0; i < 12000; i++)
        {
            var done = int.Parse(await QueryScalar(connection, null, "SELECT COUNT(*) FROM \"EvidencePhotos\" WHERE \"AnalyzedAt\" IS NOT NULL"), CultureInfo.InvariantCulture);
            var now = cpu(); // also keeps each thread's last figures while it lives
            for (var m = 0; m < marks.Length; m++)
            {
                if (done >= marks[m])
                    reached[m] ??= (clock.Elapsed.TotalSeconds, now, done);
            }
            if (done >= photos)
                return reached.Select(r => r!.Value).ToArray();
            await Task.Delay(50);
        }
        throw new TimeoutException("analysis did not finish in 10 minutes");
    }

    private static async Task<System.Data.Common.DbConnection> Connect(string provider, string root)
    {
        System.Data.Common.DbConnection connection = provider == "Postgres"
            ? new NpgsqlConnection(LastPostgresDatabase)
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(root, "data", "claimlens.db")};Default Timeout=30");
        await connection.OpenAsync();
        return connection;
    }

    private static string LastPostgresDatabase => PostgresServer.LastCreated ?? throw new InvalidOperationException("no PostgreSQL database was created");

    private static async Task<string> QueryScalar(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? tx, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }

    private static System.Data.Common.DbParameter Add(System.Data.Common.DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static byte[][] MakePhotos() => Enumerable.Range(0, 3).Select(seed =>
    {
        using var image = new Mat(3000, 4000, MatType.CV_8UC3);
        new RNG((ulong)seed + 1).Fill(image, DistributionType.Normal, Scalar.All(128), Scalar.All(22));
        using var smooth = new Mat();
        Cv2.GaussianBlur(image, smooth, new Size(3, 3), 0.8);
        // Quality chosen so the file is about 3 MB, like a phone's 12 MP photo.
        Cv2.ImEncode(".jpg", smooth, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, 88));
        return bytes;
    }).ToArray();

    /// <summary>A forged claim photo: a crack painted on <paramref name="listing"/> (pass the listing as decoded from the
    /// merchant's JPEG, so the claim is derived from the desk's reference), saved at q85.</summary>
    internal static byte[] Forged(Mat listing, int seed)
    {
        var rng = new Random(seed);
        var (forged, truth) = ClaimLens.DevSet.Forgery.Apply(listing, ClaimLens.DevSet.ForgeryKind.Crack, rng, 0.02);
        using (forged)
        using (truth)
        {
            Cv2.ImEncode(".jpg", forged, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, 85));
            return bytes;
        }
    }

    private static void TryDelete(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by the exiting desk; temp folders are cleaned by the OS
        }
    }
}
