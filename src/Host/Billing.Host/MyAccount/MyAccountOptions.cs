namespace Billing.Host.MyAccount;

/// <summary>Configuration of the customer's My Account page (<c>Billing:MyAccount</c>, K5).</summary>
internal sealed class MyAccountOptions
{
    /// <summary>The fewest characters a secret may have.</summary>
    public const int MinSecretLength = 32;

    /// <summary>The secret of appsettings.Development.json: it is public, so it must never sign links outside Development.</summary>
    public const string DevelopmentSecret = "development-only-my-account-link-secret-never-use-in-production";

    /// <summary>The server secret under which links are signed (HMAC-SHA256): whoever knows it can open any account.</summary>
    public string? Secret { get; set; }

    /// <summary>How long a link opens the page after it was made (1 hour by default).</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long the session of an opened link lasts without a request (sliding; 1 hour by default).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(1);

    public bool HasSecret => Secret is { Length: >= MinSecretLength };
}
