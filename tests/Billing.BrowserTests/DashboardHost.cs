using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.BuildingBlocks.Outbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Billing.BrowserTests;

/// <summary>
/// The real host on Kestrel on a random loopback port (a fresh SQLite file, the test clock on) and Debian's Chromium
/// driven by Playwright. The browser is never downloaded: it is /usr/bin/chromium.
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    public const string AdminToken = "browser-admin-token";
    public const string BusinessToken = "browser-business-token";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly JsonSerializerOptions CamelCase = new(JsonSerializerDefaults.Web);

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "billing-browser-tests", Guid.NewGuid().ToString("N"));
    private Factory factory = null!;
    private IPlaywright playwright = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = null!;

    /// <summary>The host's services, for asking the modules what a page did (the same queries the API sends).</summary>
    public IServiceProvider Services => factory.Services;

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        factory = new Factory(dataDirectory);
        factory.UseKestrel(0);
        factory.StartServer();
        BaseUrl = factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
        await factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS stays in the temp directory; it affects no other test.
        }
    }

    /// <summary>Delivers every pending integration event now (the dispatcher also runs in the background).</summary>
    public Task<int> DeliverEventsAsync() => factory.Services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);

    /// <summary>The API with a bearer token, for arranging what the pages then show.</summary>
    public async Task<JsonElement> ApiAsync(HttpMethod method, string path, object? body = null, bool camelCase = false)
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: camelCase ? CamelCase : Json) };
        using var response = await client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private sealed class Factory(string dataDirectory) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Billing:DataDirectory", dataDirectory);
            builder.UseSetting("Billing:TestClock:Enabled", "true");
            builder.UseSetting("Billing:Jobs:Store", "memory");
            builder.UseSetting("Billing:Jobs:BillRunInterval", "1.00:00:00");
            builder.UseSetting("Auth:AdminTokens:0", AdminToken);
            builder.UseSetting("Auth:BusinessTokens:0", BusinessToken);
            builder.UseSetting("Billing:Limits:CouponGuessesPerMinute", "1000000");
            builder.UseSetting("Billing:Checkout:RequestsPerMinute", "1000000");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardHost>
{
    public const string Name = "dashboard";
}
