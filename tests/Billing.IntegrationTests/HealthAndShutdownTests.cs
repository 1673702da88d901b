using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Billing.IntegrationTests;

/// <summary>Issue 23: health that means something, and a SIGTERM that lets the request in flight finish.</summary>
public sealed class HealthAndShutdownTests : IDisposable
{
    private readonly RealHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Ready_reports_the_database_and_the_job_server_healthy_and_live_answers_too()
    {
        using var client = await host.StartAsync();

        using var ready = await client.GetAsync("/health/ready");
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        using var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("job_server").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task A_request_in_flight_when_SIGTERM_arrives_completes_and_its_write_is_in_the_database()
    {
        using var client = await host.StartAsync();
        var content = new DrippedContent("{\"code\":\"drained\",\"email\":\"d@example.com\",", "\"country\":\"DE\"}");
        var request = client.PostAsync("/api/accounts", content);
        await content.FirstHalfSent.Task;
        // The server's parse of the request line cannot be observed from outside; give it a moment to begin the request.
        await Task.Delay(TimeSpan.FromSeconds(1));

        var exited = host.TerminateAsync(TimeSpan.FromSeconds(30));
        content.SendRest.SetResult();
        using var response = await request;
        int exitCode = await exited;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0, exitCode);
        Assert.Equal(1, host.Scalar("SELECT COUNT(*) FROM subscriptions_accounts WHERE Code = 'drained'"));
    }

    /// <summary>A body sent in two parts: the second only when the test says so.</summary>
    private sealed class DrippedContent : HttpContent
    {
        private readonly string first;
        private readonly string rest;

        public DrippedContent(string first, string rest)
        {
            this.first = first;
            this.rest = rest;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        public TaskCompletionSource FirstHalfSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource SendRest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(first));
            await stream.FlushAsync();
            FirstHalfSent.SetResult();
            await SendRest.Task;
            await stream.WriteAsync(Encoding.UTF8.GetBytes(rest));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = Encoding.UTF8.GetByteCount(first) + Encoding.UTF8.GetByteCount(rest);
            return true;
        }
    }
}
