using System.Collections.Concurrent;
using Billing.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.BuildingBlocks.Idempotency;

/// <summary>What the store says about a request carrying an idempotency key.</summary>
public enum ClaimOutcome
{
    /// <summary>First time: run the request, then complete or release the key.</summary>
    Claimed,

    /// <summary>Seen and answered: replay the stored response.</summary>
    Replay,

    /// <summary>Seen with a different request: refuse.</summary>
    Mismatch,

    /// <summary>The first request with this key is still running.</summary>
    InProgress,
}

/// <summary>What is replayed of a response: its status, the headers that matter and its body.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);

/// <summary>
/// Idempotency keys (Stripe's convention): each operation is its own short transaction on its own scope,
/// committed before or after the request's own transaction, never inside it. The claim is one
/// insert that ignores a conflict on the key's primary key, so concurrent requests with one key have exactly one winner.
/// </summary>
public sealed class IdempotencyStore(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>How long a stored response is replayed.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>How often this process renews the heartbeat of the claims its requests hold.</summary>
    public static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A claim whose request never completed and whose heartbeat is older than this belongs to a process that is gone
    /// (killed, or cut off from the database): a retry takes it over. Three missed heartbeats; spelled in PlatformSql.
    /// </summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The keys this process claimed and has not yet completed or released: what the heartbeat keeps alive. A set,
    /// not a bare counter, so that a key released twice cannot make a running request's claim look finished.
    /// </summary>
    private readonly ConcurrentDictionary<string, byte> held = new(StringComparer.Ordinal);

    /// <summary>This process: the owner of the claims its requests make. Several hosts on one database each have their own.</summary>
    public string Owner { get; } = Guid.NewGuid().ToString("N");

    public async Task<(ClaimOutcome Outcome, IdempotencyRecord? Record)> ClaimAsync(string key, string requestHash, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var now = clock.GetUtcNow();
        var (outcome, record) = await db.Session.InTransactionAsync(
            async () =>
            {
                var sql = PlatformSql.For(db.Session.Provider);
                await db.Database.ExecuteSqlRawAsync(sql.TakeOverKey, [key, (now - Retention).UtcDateTime], cancellationToken);
                int claimed = await db.Database.ExecuteSqlRawAsync(sql.ClaimKey, [key, requestHash, now.UtcDateTime, Owner], cancellationToken);
                if (claimed == 1)
                {
                    return (ClaimOutcome.Claimed, (IdempotencyRecord?)null);
                }

                var existing = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Key == key, cancellationToken);
                return existing.RequestHash != requestHash ? (ClaimOutcome.Mismatch, existing)
                    : existing.Completed ? (ClaimOutcome.Replay, existing)
                    : (ClaimOutcome.InProgress, existing);
            },
            _ => true);
        if (outcome == ClaimOutcome.Claimed)
        {
            held.TryAdd(key, 0);
        }

        return (outcome, record);
    }

    public async Task CompleteAsync(string key, StoredResponse response, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            await db.Session.InTransactionAsync(() => db.IdempotencyRecords
                .Where(r => r.Key == key)
                .ExecuteUpdateAsync(
                    set => set
                        .SetProperty(r => r.Completed, true)
                        .SetProperty(r => r.StatusCode, response.StatusCode)
                        .SetProperty(r => r.ContentType, response.ContentType)
                        .SetProperty(r => r.Location, response.Location)
                        .SetProperty(r => r.Body, response.Body),
                    cancellationToken));
        }
        finally
        {
            Finished(key);
        }
    }

    /// <summary>
    /// Stores the response in the request's own held transaction (<see cref="DbSession.HoldNextCommit"/>) and commits
    /// both: a crash leaves the request's effects and its stored answer, or neither.
    /// </summary>
    public async Task CompleteWithEffectsAsync(DbSession session, string key, StoredResponse response, CancellationToken cancellationToken)
    {
        try
        {
            await session.CommitHeldAsync(async transaction =>
            {
                await using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = PlatformSql.For(session.Provider).CompleteKey;
                Add(command, "@status", response.StatusCode);
                Add(command, "@type", response.ContentType);
                Add(command, "@location", response.Location);
                Add(command, "@body", response.Body);
                Add(command, "@key", key);
                await command.ExecuteNonQueryAsync(cancellationToken);
            });
        }
        finally
        {
            Finished(key);
        }
    }

    /// <summary>
    /// The request that held <paramref name="key"/> is over here, whether its completion or release was stored or not:
    /// the heartbeat stops renewing it, so a claim this process could not finish goes stale and a retry takes it over.
    /// </summary>
    private void Finished(string key) => held.TryRemove(key, out _);

    private static void Add(System.Data.Common.DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// Releases, at the host's start, the claims whose request never completed and that no live process holds, so a
    /// retry runs afresh at once: such a request committed nothing (a held request's effects commit with its stored
    /// answer). On SQLite this host owns its database, so every unfinished claim is a dead process's; on PostgreSQL
    /// other hosts may be running requests, so only claims whose heartbeat went stale (<see cref="StaleAfter"/>) go,
    /// and a retry takes over the others once they are stale.
    /// </summary>
    public async Task<int> ReleaseUnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await db.Session.InTransactionAsync(
            () => db.Session.Provider == DatabaseProvider.Postgres
                ? db.Database.ExecuteSqlRawAsync(PlatformSql.Postgres.ReleaseStale, cancellationToken)
                : db.IdempotencyRecords.Where(r => !r.Completed).ExecuteDeleteAsync(cancellationToken),
            _ => true);
    }

    /// <summary>
    /// Renews the heartbeat of every claim this process holds (<see cref="IdempotencyHeartbeat"/>); writes nothing when
    /// it holds none, so an idle host does not take the database's write lock every beat (SQLite has one writer).
    /// </summary>
    public async Task<int> HeartbeatAsync(CancellationToken cancellationToken)
    {
        if (held.IsEmpty)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await db.Session.InTransactionAsync(
            () => db.Database.ExecuteSqlRawAsync(PlatformSql.For(db.Session.Provider).Heartbeat, [Owner], cancellationToken),
            _ => true);
    }

    /// <summary>Forgets a claim whose request did not produce a response worth replaying (a server error), so a retry runs again.</summary>
    public async Task ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            await db.Session.InTransactionAsync(() => db.IdempotencyRecords.Where(r => r.Key == key && !r.Completed).ExecuteDeleteAsync(cancellationToken));
        }
        finally
        {
            Finished(key);
        }
    }

    /// <summary>Deletes responses past their retention (run by the bill run's housekeeping).</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var expired = clock.GetUtcNow() - Retention;
        return await db.Session.InTransactionAsync(
            () => db.IdempotencyRecords.Where(r => r.CreatedAt < expired).ExecuteDeleteAsync(cancellationToken),
            _ => true);
    }
}
