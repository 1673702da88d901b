using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.BuildingBlocks.Outbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.IntegrationTests;

/// <summary>
/// The real host on a fresh database — a SQLite file in a temporary directory, or on PostgreSQL a database of its own
/// (<see cref="TestDatabase"/>: <c>BILLING_TEST_PROVIDER=postgres</c>) — with the test clock on, the recurring jobs on
/// Hangfire's in-memory storage and never due (tests start bill runs themselves, or set a cron) and test tokens.
/// </summary>
public sealed class BillingApiFactory : WebApplicationFactory<Program>
{
    public const string AdminToken = "test-admin-token";
    public const string BusinessToken = "test-business-token";

    /// <summary>A cron that never fires (31 February).</summary>
    public const string NeverCron = "0 0 31 2 *";

    /// <summary>The configuration names of the recurring jobs (<c>Billing:Jobs:&lt;Job&gt;:Cron</c>).</summary>
    public static readonly string[] Jobs = ["Renewals", "DurationExpiry", "RedeemByExpiry", "Dunning", "Housekeeping", "WebhookDeliveries"];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public BillingApiFactory()
        : this(TestDatabase.OnPostgres ? TestDatabase.CreatePostgres() : null)
    {
    }

    private BillingApiFactory(string? postgresConnectionString)
    {
        PostgresConnectionString = postgresConnectionString;
    }

    public string DataDirectory { get; private init; } = Path.Combine(Path.GetTempPath(), "billing-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(DataDirectory, "billing.db");

    /// <summary>On PostgreSQL, the connection string of this host's own database (created with the factory); null on SQLite.</summary>
    public string? PostgresConnectionString { get; }

    /// <summary>Settings that override the defaults below; set before the host first starts.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    private bool handedOver;

    /// <summary>Gates that hold a race test's requests until all of them are in the host (<see cref="RequestBarriers"/>).</summary>
    public RequestBarriers Barriers { get; } = new();

    public HttpClient Admin() => ClientWith(AdminToken);

    public HttpClient Business() => ClientWith(BusinessToken);

    public HttpClient Anonymous() => CreateClient();

    /// <summary>
    /// Stops this host (disposes it) and answers a new one on the same database and settings, not yet started (its
    /// <see cref="Settings"/> may still be changed); the new host owns the data directory from then on.
    /// </summary>
    public BillingApiFactory Restart()
    {
        handedOver = true;
        Dispose();
        var restarted = new BillingApiFactory(PostgresConnectionString) { DataDirectory = DataDirectory };
        foreach (var (key, value) in Settings)
        {
            restarted.Settings[key] = value;
        }

        return restarted;
    }

    /// <summary>Delivers every pending integration event now (the dispatcher also runs in the background).</summary>
    public Task<int> DeliverEventsAsync() => Services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);

    /// <summary>
    /// Runs one scalar SQL query against the database, for assertions on what was stored. Written as for SQLite; on
    /// PostgreSQL its table and column names are resolved as <see cref="TestDatabase.PostgresScalar"/> says.
    /// </summary>
    public long Scalar(string sql, string file = "billing.db")
    {
        _ = Services;
        if (PostgresConnectionString is { } postgres && file == "billing.db")
        {
            return TestDatabase.PostgresScalar(postgres, sql);
        }

        using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, file)}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs SQL statements (written as for <see cref="Scalar"/>) against the database; answers the rows they changed.</summary>
    public int Execute(string sql)
    {
        _ = Services;
        if (PostgresConnectionString is { } postgres)
        {
            return TestDatabase.PostgresExecute(postgres, sql);
        }

        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>The first column of every row <paramref name="sql"/> answers (written as for <see cref="Scalar"/>), as text.</summary>
    public List<string> Rows(string sql)
    {
        _ = Services;
        if (PostgresConnectionString is { } postgres)
        {
            return TestDatabase.PostgresRows(postgres, sql);
        }

        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.IsDBNull(0) ? string.Empty : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return rows;
    }

    /// <summary>The application's tables (every module's, not the migration histories), by name.</summary>
    public List<string> Tables() => TestDatabase.OnPostgres
        ? Rows($"SELECT table_name FROM information_schema.tables WHERE table_schema = ANY (string_to_array('{TestDatabase.Schemas}', ',')) AND table_name NOT LIKE '\\_\\_%' ORDER BY table_name COLLATE \"C\"")
        : Rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\' ORDER BY name");

    /// <summary>Every row of <paramref name="table"/>, each as one text of all its values, in a stable order.</summary>
    public List<string> RowsOf(string table) => TestDatabase.OnPostgres
        ? Rows($"SELECT t::text FROM \"{table}\" t ORDER BY 1")
        : Rows($"SELECT {string.Join(" || '|' || ", Rows($"SELECT name FROM pragma_table_info('{table}')").Select(column => $"coalesce(quote(\"{column}\"), '∅')"))} FROM \"{table}\" ORDER BY rowid");

    /// <summary>
    /// Everything the database holds, as text to search: on SQLite the bytes of its files (free pages and the WAL
    /// included), on PostgreSQL every row of every table.
    /// </summary>
    public List<string> StoredText()
    {
        _ = Services;
        if (TestDatabase.OnPostgres)
        {
            return [.. Tables().SelectMany(RowsOf)];
        }

        SqliteConnection.ClearAllPools();
        return [.. Directory.GetFiles(DataDirectory).Where(f => !f.EndsWith("-shm", StringComparison.Ordinal)).Select(file => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(file)))];
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Billing:DataDirectory", DataDirectory);
        if (PostgresConnectionString is { } postgres)
        {
            builder.UseSetting("Billing:Database:Provider", "postgres");
            builder.UseSetting("Billing:Database:ConnectionString", postgres);
        }

        builder.UseSetting("Billing:TestClock:Enabled", "true");
        foreach (string job in Jobs)
        {
            builder.UseSetting($"Billing:Jobs:{job}:Cron", NeverCron);
        }

        // Hangfire's in-memory store on either engine: a Hangfire.PostgreSql schema per test database would cost every
        // test host its installation; PostgresJobStorageTests runs the jobs on it.
        builder.UseSetting("Billing:Jobs:Storage", "memory");
        builder.UseSetting("Auth:AdminTokens:0", AdminToken);
        builder.UseSetting("Auth:BusinessTokens:0", BusinessToken);
        // Tests share a token per fixture; the guessing limit has its own test (AbuseLimitTests) that sets it.
        builder.UseSetting("Billing:Limits:CouponGuessesPerMinute", "1000000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton(Barriers.StartupFilter()));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (handedOver)
        {
            return;
        }

        if (PostgresConnectionString is { } postgres)
        {
            TestDatabase.DropPostgres(postgres);
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS is left in the temp directory; it does not affect other tests.
        }
    }

    private HttpClient ClientWith(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>JSON helpers for tests: the API's snake_case in and out.</summary>
public static class HttpJson
{
    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, BillingApiFactory.Json);

    public static async Task<JsonElement> Body(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static async Task<JsonElement> GetJson(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Xunit.Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Body();
    }

    public static async Task<JsonElement> Created(this Task<HttpResponseMessage> request)
    {
        var response = await request;
        Xunit.Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Body();
    }

    /// <summary>Asserts an RFC 9457 problem with the given status and stable code; answers its body.</summary>
    public static async Task<JsonElement> ShouldBeProblem(this HttpResponseMessage response, System.Net.HttpStatusCode status, string code)
    {
        string body = await response.Content.ReadAsStringAsync();
        Xunit.Assert.True(status == response.StatusCode, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Xunit.Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Xunit.Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    public static Task<HttpResponseMessage> PatchJson(this HttpClient client, string url, object body) =>
        client.PatchAsJsonAsync(url, body, BillingApiFactory.Json);

    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, BillingApiFactory.Json);

    public static async Task<JsonElement> Ok(this Task<HttpResponseMessage> request)
    {
        var response = await request;
        Xunit.Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Body();
    }
}
