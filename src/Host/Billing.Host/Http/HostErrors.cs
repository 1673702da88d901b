using Billing.SharedKernel;

namespace Billing.Host.Http;

/// <summary>
/// The host's own refusals (backups, exports, the test clock, token roles, the Recurly surface and My Account), each
/// code with its kind, and so its HTTP status, declared once.
/// A message that names values takes them as arguments; ErrorCatalogueTests lists every code with its status.
/// </summary>
internal static class HostErrors
{
    public static Error BackupNotFound(string name) =>
        Error.NotFound("backup_not_found", $"No backup is called '{name}'.");

    public static Error BackupNotSupported { get; } =
        Error.Rule("backup_not_supported", "Online backups are taken of the embedded SQLite database; on PostgreSQL use pg_dump or a base backup.");

    public static Error BackupCorrupt(string integrity) =>
        BackupFailedBecause($"The copy failed SQLite's integrity check ({integrity}); nothing was kept.");

    public static Error BackupNotWritten(int sqliteErrorCode) =>
        BackupFailedBecause($"The backup could not be written to the backups directory (SQLite error {sqliteErrorCode}: full, read-only or failing); nothing was kept.");

    public static Error ExportNotFound(string name) =>
        Error.NotFound("export_not_found", $"There is no export named '{name}'; exports are coupons, redemptions, unique-codes, invoices, invoice-lines, invoice-line-discounts and conversions.");

    public static Error ClockBackwards(DateTimeOffset now) =>
        Error.Conflict("clock_backwards", $"The test clock is at {now:O}; time never moves backwards.");

    public static Error InvoiceNotFound(string number) =>
        InvoiceNotFoundBecause($"No invoice has the number '{number}'.");

    public static Error InvoiceNotFoundById(string selector) =>
        InvoiceNotFoundBecause($"No invoice has the id '{selector}'.");

    public static Error PriceOverrideForbidden { get; } =
        Error.Forbidden("price_override_forbidden", "A price override needs an admin token (S4).");

    public static Error AccountNotFoundById(string selector) =>
        Error.NotFound("account_not_found", $"No account has the id '{selector}'.");

    public static Error UniqueCodeNotFoundById(string selector) =>
        Error.NotFound("unique_code_not_found", $"No unique coupon code has the id '{selector}'.");

    public static Error PlanNotFoundById(string selector) =>
        Error.NotFound("plan_not_found", $"No plan has the id '{selector}'.");

    public static Error SubscriptionNotFoundById(string selector) =>
        Error.NotFound("subscription_not_found", $"No subscription has the id '{selector}'.");

    public static Error NoInvoice { get; } =
        Error.Rule("no_invoice", "The subscription was created without an invoice.");

    public static Error NotYourSubscription { get; } =
        Error.NotFound("subscription_not_found", "Your account has no such subscription.");

    private static Error BackupFailedBecause(string message) => Error.Rule("backup_failed", message);

    private static Error InvoiceNotFoundBecause(string message) => Error.NotFound("invoice_not_found", message);
}
