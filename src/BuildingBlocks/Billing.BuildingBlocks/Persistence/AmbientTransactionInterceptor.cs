using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Billing.BuildingBlocks.Persistence;

/// <summary>
/// Puts every command a module's DbContext sends into the scope's open transaction, so that reads in a
/// command see (and lock with) the writes of the same transaction, whichever module made them.
/// </summary>
internal sealed class AmbientTransactionInterceptor : DbCommandInterceptor
{
    public static readonly AmbientTransactionInterceptor Instance = new();

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        if (result.Transaction is null && eventData.Context is ModuleDbContext { Session.Transaction: { } transaction })
        {
            result.Transaction = transaction;
        }

        return result;
    }
}
