using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimLens.Web.Tests.Infrastructure;
using ClaimLens.Web.Tests.Review;
using OpenCvSharp;

namespace ClaimLens.Web.Tests.Repairs;

/// <summary>A technician's side of the repair API: their sign-in (cookie + antiforgery header, as the phone page
/// calls the API), photos, the signature and the work record.</summary>
public static class TechnicianApi
{
    /// <summary>Issues the technician's login through the tenant's API and returns a client signed in as them.</summary>
    public static async Task<HttpClient> TechnicianClientAsync(this DeskHost desk, HttpClient tenant, Guid technician)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(tenant);
        var issued = await tenant.PostAsJsonAsync($"/api/v1/repairs/technicians/{technician}/login", new { });
        Assert.True(issued.StatusCode == HttpStatusCode.OK, await issued.Content.ReadAsStringAsync());
        var login = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var client = await desk.SignInAsync(login.GetProperty("userName").GetString()!, login.GetProperty("password").GetString()!);
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await DeskPages.TokenAsync(client, "/technician"));
        return client;
    }

    public static Task<HttpResponseMessage> MoveAsync(this HttpClient client, Guid request, string move, Guid? technician = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PostAsJsonAsync($"/api/v1/repairs/requests/{request}/moves", new { technicianId = technician, move });
    }

    public static async Task<HttpResponseMessage> UploadPhotoAsync(this HttpClient client, Guid request, string stage, byte[] photo, string name = "IMG_0001.jpg")
    {
        ArgumentNullException.ThrowIfNull(client);
        using var form = new MultipartFormDataContent { { new StringContent(stage), "stage" }, { DeskApi.Image(photo), "photos", name } };
        return await client.PostAsync($"/api/v1/repairs/requests/{request}/photos", form);
    }

    public static async Task<HttpResponseMessage> SignAsync(this HttpClient client, Guid request, byte[] png)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var form = new MultipartFormDataContent { { DeskApi.Image(png, "image/png"), "signature", "signature.png" } };
        return await client.PostAsync($"/api/v1/repairs/requests/{request}/signature", form);
    }

    /// <summary>Adds what completing needs (an after photo and the signature) through the tenant's API.</summary>
    public static async Task AddProofOfWorkAsync(this HttpClient client, Guid request, int seed = 41)
    {
        var photo = await client.UploadPhotoAsync(request, "after", TestPhotos.Unrelated(seed));
        Assert.True(photo.StatusCode == HttpStatusCode.Accepted, await photo.Content.ReadAsStringAsync());
        var signed = await client.SignAsync(request, Signature());
        Assert.True(signed.StatusCode == HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
    }

    /// <summary>A signature as a canvas makes it: dark strokes on a transparent 600 x 200 PNG.</summary>
    public static byte[] Signature()
    {
        using var canvas = new Mat(200, 600, MatType.CV_8UC4, Scalar.All(0));
        Cv2.PutText(canvas, "Wang", new Point(40, 140), HersheyFonts.HersheyScriptSimplex, 3, new Scalar(30, 30, 30, 255), 4, LineTypes.AntiAlias);
        Cv2.ImEncode(".png", canvas, out var png);
        return png;
    }

    /// <summary>A JPEG whose Huffman tables are overwritten: the header reads fine, the picture cannot be decoded.</summary>
    public static byte[] CorruptJpeg()
    {
        var bytes = TestPhotos.Unrelated(5).ToArray();
        for (var i = 2; i < bytes.Length - 4; i++)
        {
            if (bytes[i] != 0xFF || bytes[i + 1] != 0xC4)
                continue;
            // DHT: FF C4, length (2 bytes), then class/id and 16 code counts; counts of 255 make the table impossible.
            for (var j = i + 5; j < i + 21; j++)
                bytes[j] = 0xFF;
        }
        return bytes;
    }
}
