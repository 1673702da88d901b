using Billing.Host.Auth;
using Billing.Host.Http;

namespace Billing.Host.Hosting;

/// <summary>
/// What a host outside Development refuses to start with (issue 25): the test clock, which lets any admin move time
/// and with it renewals, expiries and <c>redeem_by</c>; the development tokens, which are public; and, in every
/// environment, a missing idempotency secret. The error names every reason at once.
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

        if (reasons.Count > 0)
        {
            throw new InvalidOperationException($"The host refuses to start in the '{environment.EnvironmentName}' environment: {string.Join("; ", reasons)}.");
        }
    }
}
