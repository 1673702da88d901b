using Billing.BuildingBlocks.Persistence;
using Billing.Payments.Domain;
using Billing.SharedKernel;
using Microsoft.EntityFrameworkCore;

namespace Billing.Payments.Infrastructure;

/// <summary>
/// The persistence of collections (P2/P4), the same for one invoice and a batch of them: the rows read by key lists
/// without tracking (each list one JSON parameter), each state change one UPDATE guarded on the row as it was read —
/// so that each invoice's own guard decides whether this claim or outcome wins, whatever runs concurrently — and the
/// rows that nothing can race (new collections, the claimed attempts' transactions) written with one reused statement
/// each (<see cref="RowWriter{T}"/>).
/// </summary>
internal static class CollectionStore
{
    /// <summary>
    /// Serializes the transactions that collect these invoices, until the current one ends: the locks are taken in
    /// ascending order, so two batches never wait for each other in a circle (P2).
    /// </summary>
    public static async Task LockCollectionsAsync(this PaymentsDbContext db, IEnumerable<long> numbers, CancellationToken cancellationToken)
    {
        foreach (long number in numbers.Order())
        {
            await db.LockCollectionAsync(number, cancellationToken);
        }
    }

    public static Task<Dictionary<long, Collection>> CollectionsAsync(this PaymentsDbContext db, IEnumerable<long> numbers, CancellationToken cancellationToken)
    {
        var list = numbers.ToList();
        return db.Collections.AsNoTracking().Where(c => EF.Parameter(list).Contains(c.InvoiceNumber)).ToDictionaryAsync(c => c.InvoiceNumber, cancellationToken);
    }

    /// <summary>The tokens of the accounts' payment methods, by account.</summary>
    public static Task<Dictionary<string, string>> PaymentTokensAsync(this PaymentsDbContext db, IEnumerable<string> accountCodes, CancellationToken cancellationToken)
    {
        var codes = accountCodes.Distinct().ToList();
        return db.PaymentMethods.AsNoTracking().Where(m => EF.Parameter(codes).Contains(m.AccountCode)).ToDictionaryAsync(m => m.AccountCode, m => m.Token, cancellationToken);
    }

    public static void InsertCollections(this PaymentsDbContext db, IReadOnlyCollection<Collection> collections)
    {
        if (collections.Count > 0)
        {
            RowWriter<Collection>.Insert(db, collections);
        }
    }

    /// <summary>
    /// P2: claims the next attempt of each collection: from the state and attempt it was read in to collecting — one
    /// UPDATE per (state, attempt) read, each row guarded on its own, the rows it changed read back (RETURNING). A
    /// collection absent from the answer changed meanwhile: another collection holds or settled it.
    /// </summary>
    public static async Task<HashSet<long>> ClaimAsync(this PaymentsDbContext db, IEnumerable<Collection> collections, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sql = PaymentsSql.For(db.Session.Provider);
        var claimed = new HashSet<long>();
        foreach (var group in collections.GroupBy(c => (c.State, c.Attempts)))
        {
            claimed.UnionWith(await db.Database.SqlQueryRaw<long>(
                sql.Claim,
                Wire<CollectionState>.Name(CollectionState.Collecting),
                group.Key.Attempts + 1,
                now,
                sql.Numbers(group.Select(c => c.InvoiceNumber)),
                Wire<CollectionState>.Name(group.Key.State),
                group.Key.Attempts).ToListAsync(cancellationToken));
        }

        return claimed;
    }

    /// <summary>
    /// Stores the claimed attempts' pending charges and answers them as stored (with the keys the database gave them).
    /// </summary>
    public static async Task<List<PaymentTransaction>> InsertPendingAsync(this PaymentsDbContext db, IReadOnlyCollection<PaymentTransaction> transactions, CancellationToken cancellationToken)
    {
        if (transactions.Count == 0)
        {
            return [];
        }

        RowWriter<PaymentTransaction>.Insert(db, transactions);
        var ids = transactions.Select(t => t.Id).ToList();
        return await db.Transactions.AsNoTracking().Where(t => EF.Parameter(ids).Contains(t.Id)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// P2/P4: settles each claimed attempt: from collecting at that attempt to its settlement's state — one UPDATE per
    /// (settlement, attempt), each row guarded on its own, the rows it changed read back. A collection absent from the
    /// answer was settled already (a resumed claim and its late original both answered by the gateway).
    /// </summary>
    public static async Task<HashSet<long>> SettleAsync(this PaymentsDbContext db, IEnumerable<(Collection Collection, Settlement Settlement)> settlements, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sql = PaymentsSql.For(db.Session.Provider);
        var settled = new HashSet<long>();
        foreach (var group in settlements.GroupBy(s => (s.Settlement, s.Collection.Attempts)))
        {
            settled.UnionWith(await db.Database.SqlQueryRaw<long>(
                sql.Settle,
                Wire<CollectionState>.Name(group.Key.Settlement.State),
                group.Key.Settlement.FirstFailedAt!,
                group.Key.Settlement.NextAttemptAt!,
                now,
                sql.Numbers(group.Select(s => s.Collection.InvoiceNumber)),
                Wire<CollectionState>.Name(CollectionState.Collecting),
                group.Key.Attempts).ToListAsync(cancellationToken));
        }

        return settled;
    }

    /// <summary>Writes the answered attempts (every column, by key) in the open transaction.</summary>
    public static void WriteAnswered(this PaymentsDbContext db, IReadOnlyCollection<PaymentTransaction> transactions)
    {
        if (transactions.Count > 0)
        {
            RowWriter<PaymentTransaction>.Update(db, transactions);
        }
    }
}
