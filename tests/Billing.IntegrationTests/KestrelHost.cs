using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.IntegrationTests;

/// <summary>
/// The real host on Kestrel, on a random loopback port (a fresh <see cref="BillingApiFactory"/>: its own temporary
/// data directory and settings), for what only a real socket shows: Kestrel's own limits, and curl.
/// </summary>
public sealed class KestrelHost : IDisposable
{
    private KestrelHost(BillingApiFactory factory, Uri baseAddress)
    {
        Factory = factory;
        BaseAddress = baseAddress;
    }

    public BillingApiFactory Factory { get; }

    /// <summary>The listening address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    public static KestrelHost Start(IReadOnlyDictionary<string, string>? settings = null)
    {
        var factory = new BillingApiFactory();
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            factory.Settings[key] = value;
        }

        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        string address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new KestrelHost(factory, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>A client of the socket (not the in-memory test server), with the given bearer token.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return client;
    }

    public void Dispose() => Factory.Dispose();
}
