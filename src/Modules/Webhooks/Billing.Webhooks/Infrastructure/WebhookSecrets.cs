using Billing.Webhooks.Domain;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Billing.Webhooks.Infrastructure;

/// <summary>
/// Issue 16: an endpoint's signing secret is stored encrypted with ASP.NET Core Data Protection (purpose
/// <see cref="Purpose"/>; the key ring of <c>AddBillingDataProtection</c>, shared by every host) and decrypted only to
/// sign a post. A row written before encryption holds the plain <c>whsec_…</c> secret: it still signs, and
/// <see cref="ProtectPlaintextAsync"/> encrypts it in place, guarded by its old value, so that running it twice or on
/// two hosts at once changes nothing more.
/// </summary>
internal sealed class WebhookSecrets(IDataProtectionProvider dataProtection)
{
    public const string Purpose = "Billing.Webhooks.EndpointSecret.v1";

    private readonly IDataProtector protector = dataProtection.CreateProtector(Purpose);

    public string Protect(string secret) => protector.Protect(secret);

    /// <summary>The secret that signs: the stored value decrypted, or as it is when it was stored before encryption.</summary>
    public string Reveal(string stored) => IsPlaintext(stored) ? stored : protector.Unprotect(stored);

    /// <summary>Encrypts the secrets still stored in plain text.</summary>
    public async Task ProtectPlaintextAsync(WebhooksDbContext db, CancellationToken cancellationToken)
    {
        var plaintext = (await db.Endpoints.AsNoTracking()
                .Where(e => e.Secret.StartsWith(WebhookSignature.SecretPrefix))
                .Select(e => new { e.Id, e.Secret })
                .ToListAsync(cancellationToken))
            .Where(e => IsPlaintext(e.Secret))
            .ToList();
        foreach (var endpoint in plaintext)
        {
            string protectedSecret = Protect(endpoint.Secret);
            await db.Session.InTransactionAsync(() => db.Endpoints
                .Where(e => e.Id == endpoint.Id && e.Secret == endpoint.Secret)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.Secret, protectedSecret), cancellationToken));
        }
    }

    /// <summary>Erases the secrets replaced by a rotation whose overlap has ended: nothing signs with them any more.</summary>
    public static Task ForgetReplacedAsync(WebhooksDbContext db, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Session.InTransactionAsync(() => db.Endpoints
            .Where(e => e.PreviousSecretExpiresAt <= now)
            .ExecuteUpdateAsync(
                set => set.SetProperty(e => e.PreviousSecret, (string?)null).SetProperty(e => e.PreviousSecretExpiresAt, (DateTimeOffset?)null),
                cancellationToken));

    private static bool IsPlaintext(string stored) => stored.StartsWith(WebhookSignature.SecretPrefix, StringComparison.Ordinal);
}
