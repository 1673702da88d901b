namespace Billing.Webhooks.Application;

/// <summary>The page sizes of the module's lists: <c>limit</c> from 1 to 200, 50 when not given.</summary>
internal static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
}
