using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Billing.LoadTest;

/// <summary>
/// The host's API as the generator uses it outside the measured phases: seeding (admin token) and reading back
/// what the run stored. Every call goes to the host's 127.0.0.1 address and fails the run on an unexpected status.
/// </summary>
internal sealed class BillingApi : IDisposable
{
    /// <summary>The API's own JSON: snake_case.</summary>
    public static readonly JsonSerializerOptions SnakeCase = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Seed 000's JSON of <c>POST /api/tracking/conversions</c>: camelCase.</summary>
    public static readonly JsonSerializerOptions CamelCase = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly HttpClient admin;

    public BillingApi(HostProcess host)
    {
        admin = Loopback.Client(host.BaseAddress, host.AdminToken, connections: 8, TimeSpan.FromSeconds(60));
    }

    public Task<JsonElement> PostAsync(string path, object body, JsonSerializerOptions json, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, json, HttpStatusCode.Created, cancellationToken);

    public Task<JsonElement> PutAsync(string path, object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, path, body, SnakeCase, HttpStatusCode.OK, cancellationToken);

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, body: null, SnakeCase, HttpStatusCode.OK, cancellationToken);

    /// <summary>Every item of a paged list (issue 16): the pages of <paramref name="path"/>, 200 at a time, following <c>next_cursor</c>.</summary>
    public async Task<List<JsonElement>> GetAllAsync(string path, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        string separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        string? cursor = null;
        do
        {
            var page = await GetAsync($"{path}{separator}limit=200{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}", cancellationToken);
            items.AddRange(page.GetProperty("data").EnumerateArray());
            cursor = page.GetProperty("has_more").GetBoolean() ? page.GetProperty("next_cursor").GetString() : null;
        }
        while (cursor is not null);

        return items;
    }

    public void Dispose() => admin.Dispose();

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, JsonSerializerOptions json, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = Loopback.Json(JsonSerializer.SerializeToUtf8Bytes(body, json));
        }

        using var response = await admin.SendAsync(request, cancellationToken);
        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != expected)
        {
            throw new SetupException($"{method} {path} answered {(int)response.StatusCode}, not {(int)expected}: {text}");
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}

/// <summary>HTTP clients that can reach the host under test and nothing else: 127.0.0.1, no proxy.</summary>
internal static class Loopback
{
    public static HttpClient Client(Uri baseAddress, string token, int connections, TimeSpan timeout)
    {
        if (!IPAddress.TryParse(baseAddress.Host, out var address) || !address.Equals(IPAddress.Loopback))
        {
            throw new SetupException($"the generator only targets 127.0.0.1, not {baseAddress.Host}");
        }

        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        return content;
    }
}
