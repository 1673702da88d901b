using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// Puts every command a module's DbContext sends into the scope's open transaction, so that reads in a
/// command see (and lock with) the writes of the same transaction, whichever module made them. A transaction the
/// context enlisted in that has ended since (a scope that runs several transactions of its own one after the other)
/// is replaced the same way: its command runs in the scope's current transaction, or in none.
/// </summary>
internal sealed class AmbientTransactionInterceptor : DbCommandInterceptor
{
    public static readonly AmbientTransactionInterceptor Instance = new();

    /// <summary>
    /// Before EF Core puts a command into the transaction the context enlisted in, replaces that transaction when it
    /// has ended: Npgsql refuses a completed transaction on a command ("Transaction is already completed"), where
    /// SQLite's provider took it and <see cref="CommandInitialized"/> replaced it (issue 19).
    /// </summary>
    public override InterceptionResult<DbCommand> CommandCreating(CommandCorrelatedEventData eventData, InterceptionResult<DbCommand> result)
    {
        // The session holds one transaction at a time: an enlisted one that is not it has ended (and may be disposed).
        if (eventData.Context is ModuleDbContext { Session: { } session } context
            && context.Database.CurrentTransaction is { } enlisted
            && enlisted.GetDbTransaction() != session.Transaction)
        {
            context.Database.UseTransaction(null);
            if (session.Transaction is { } current)
            {
                context.Database.UseTransaction(current);
            }
        }

        return result;
    }

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        if (eventData.Context is ModuleDbContext { Session: { } session } && (result.Transaction is null || result.Transaction.Connection is null))
        {
            result.Transaction = session.Transaction;
        }

        return result;
    }
}
