using Billing.Host.Auth;
using Billing.Host.Http;
using Billing.Host.MyAccount;

namespace Billing.Host.Hosting;

/// <summary>
/// What a host outside Development refuses to start with (issue 25): the test clock, which lets any admin move time
/// and with it renewals, expiries and <c>redeem_by</c>; the development tokens, which are public; and, in every
/// environment, a missing idempotency secret or My Account link secret (issue 24). The error names every reason at once.
/// </summary>
internal static class EnvironmentGuards
{
    public static void Check(IHostEnvironment environment, IConfiguration configuration)
    {
        var reasons = new List<string>();
        if (!environment.IsDevelopment())
        {
            if (configuration.GetValue<bool>("Billing:TestClock:Enabled"))
            {
                reasons.Add("Billing:TestClock:Enabled is true, but the test clock lets any admin move time (renewals, expiries, redeem_by) and runs only in Development");
            }

            if ((configuration.GetSection("Auth").Get<TokenOptions>() ?? new TokenOptions()).HasDevelopmentToken)
            {
                reasons.Add("the development tokens of appsettings.Development.json are configured, but they are public: set Auth:AdminTokens and Auth:BusinessTokens to secrets of your own");
            }
        }

        if (!(configuration.GetSection("Billing:Idempotency").Get<IdempotencyOptions>() ?? new IdempotencyOptions()).HasSecret)
        {
            reasons.Add($"Billing:Idempotency:Secret is not set to a secret of at least {IdempotencyOptions.MinSecretLength} characters: idempotency keys are stored as an HMAC of the caller's id under it");
        }

        var myAccount = configuration.GetSection("Billing:MyAccount").Get<MyAccountOptions>() ?? new MyAccountOptions();
        if (!myAccount.HasSecret)
        {
            reasons.Add($"Billing:MyAccount:Secret is not set to a secret of at least {MyAccountOptions.MinSecretLength} characters: My Account links are signed (HMAC-SHA256) with it");
        }
        else if (!environment.IsDevelopment() && myAccount.Secret == MyAccountOptions.DevelopmentSecret)
        {
            reasons.Add("Billing:MyAccount:Secret is the development secret of appsettings.Development.json, which is public: anyone could sign a link to any account");
        }

        if (myAccount.LinkLifetime <= TimeSpan.Zero || myAccount.SessionLifetime <= TimeSpan.Zero)
        {
            reasons.Add("Billing:MyAccount:LinkLifetime and Billing:MyAccount:SessionLifetime must be positive durations");
        }

        if (reasons.Count > 0)
        {
            throw new InvalidOperationException($"The host refuses to start in the '{environment.EnvironmentName}' environment: {string.Join("; ", reasons)}.");
        }
    }
}
