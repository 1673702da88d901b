using System.Data.Common;
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

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        if (eventData.Context is ModuleDbContext { Session: { } session } && (result.Transaction is null || result.Transaction.Connection is null))
        {
            result.Transaction = session.Transaction;
        }

        return result;
    }
}
