using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Billing.Webhooks.Infrastructure.Delivery;

internal enum AddressKind
{
    Public,
    Loopback,

    /// <summary>Private, link-local, carrier-grade NAT, unspecified, multicast, documentation and other reserved ranges.</summary>
    NonPublic,
}

/// <summary>
/// SSRF guard: which addresses a webhook may be posted to. Checked when an endpoint is registered (every address its host
/// resolves to must be allowed) and again at each connection (the socket connects only to an allowed address of the
/// fresh resolution), so a DNS answer changed after registration cannot aim a delivery at the host's own network.
/// </summary>
internal sealed class WebhookAddressPolicy(IOptions<WebhookOptions> options)
{
    /// <summary>How long the registration's DNS look-up may take.</summary>
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    public bool Allows(IPAddress address) => Classify(address) switch
    {
        AddressKind.Public => true,
        AddressKind.Loopback => options.Value.AllowLoopback || options.Value.AllowPrivateNetworks,
        _ => options.Value.AllowPrivateNetworks,
    };

    /// <summary>The addresses <paramref name="host"/> names (itself when it is an address literal).</summary>
    public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        string bare = host.TrimStart('[').TrimEnd(']');
        if (IPAddress.TryParse(bare, out var literal))
        {
            return [literal];
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResolveTimeout);
        try
        {
            return await Dns.GetHostAddressesAsync(bare, timeout.Token);
        }
        catch (SocketException)
        {
            return [];
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }

    /// <summary>
    /// The connection of every webhook post (<see cref="SocketsHttpHandler.ConnectCallback"/>): resolves the host again
    /// and connects only to its allowed addresses; none allowed, the post fails without a packet sent.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var resolved = await ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = resolved.Where(Allows).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(
                HttpRequestError.ConnectionError,
                resolved.Length == 0
                    ? $"The host '{context.DnsEndPoint.Host}' did not resolve."
                    : $"The host '{context.DnsEndPoint.Host}' resolves only to addresses webhooks may not be posted to (loopback, private or link-local).");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static AddressKind Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return AddressKind.Loopback;
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()) ? AddressKind.Public : AddressKind.NonPublic,
            AddressFamily.InterNetworkV6 => IsPublicV6(address) ? AddressKind.Public : AddressKind.NonPublic,
            _ => AddressKind.NonPublic,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0                                         // 0.0.0.0/8 "this network"
        || b[0] == 10                                     // 10.0.0.0/8 private
        || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)     // 100.64.0.0/10 carrier-grade NAT
        || (b[0] == 169 && b[1] == 254)                   // 169.254.0.0/16 link-local (cloud metadata)
        || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)      // 172.16.0.0/12 private
        || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)   // 192.0.0.0/24 protocol assignments, 192.0.2.0/24 documentation
        || (b[0] == 192 && b[1] == 168)                   // 192.168.0.0/16 private
        || (b[0] == 198 && b[1] is 18 or 19)              // 198.18.0.0/15 benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)     // 198.51.100.0/24 documentation
        || (b[0] == 203 && b[1] == 0 && b[2] == 113)      // 203.0.113.0/24 documentation
        || b[0] >= 224);                                  // multicast, reserved, broadcast

    private static bool IsPublicV6(IPAddress address)
    {
        byte[] b = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return false;
        }

        // 64:ff9b::/96 (NAT64) and 2002::/16 (6to4) carry an IPv4 address: judged by that address.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.Skip(4).Take(8).All(x => x == 0))
        {
            return IsPublicV4(b[12..16]);
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicV4(b[2..6]);
        }

        // 2001:db8::/32 documentation; ::/8 reserved (unspecified, IPv4-compatible).
        return !(b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) && b[0] != 0x00;
    }
}
