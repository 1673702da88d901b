using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Billing.IntegrationTests;

/// <summary>
/// Makes a race test's requests race for certain (issue 22 item 8): requests sent through a <see cref="Gate"/> are held
/// at the very start of the host's pipeline until all its parties have arrived, and then go on together. A test
/// asserts <see cref="Gate.AllArrivedTogether"/>, so it cannot pass with requests that ran one after the other.
/// </summary>
public sealed class RequestBarriers
{
    private const string Header = "X-Test-Barrier";

    /// <summary>How long the first request waits for the others before it goes on alone (and the gate reports it).</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, Gate> gates = new(StringComparer.Ordinal);

    /// <summary>A gate for <paramref name="parties"/> requests; dispose it when the race is over.</summary>
    public Gate Arm(int parties)
    {
        var gate = new Gate(this, Guid.NewGuid().ToString("N"), parties);
        gates[gate.Id] = gate;
        return gate;
    }

    internal IStartupFilter StartupFilter() => new HoldAtStart(this);

    public sealed class Gate(RequestBarriers owner, string id, int parties) : IDisposable
    {
        private readonly TaskCompletionSource allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int arrived;
        private int timedOut;

        internal string Id => id;

        /// <summary>Whether every party was held in the host at one moment (none had to go on alone).</summary>
        public bool AllArrivedTogether => allArrived.Task.IsCompletedSuccessfully && Volatile.Read(ref timedOut) == 0;

        public int Arrived => Volatile.Read(ref arrived);

        /// <summary>The client, with every request it sends held at this gate.</summary>
        public HttpClient Through(HttpClient client)
        {
            client.DefaultRequestHeaders.Add(Header, id);
            return client;
        }

        public void Dispose() => owner.gates.TryRemove(id, out _);

        internal async Task ArriveAsync()
        {
            if (Interlocked.Increment(ref arrived) >= parties)
            {
                allArrived.TrySetResult();
            }

            try
            {
                await allArrived.Task.WaitAsync(Timeout);
            }
            catch (TimeoutException)
            {
                Interlocked.Exchange(ref timedOut, 1);
            }
        }
    }

    private sealed class HoldAtStart(RequestBarriers barriers) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var id) && barriers.gates.TryGetValue(id.ToString(), out var gate))
                {
                    await gate.ArriveAsync();
                }

                await proceed();
            });
            next(app);
        };
    }
}
