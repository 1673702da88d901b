namespace Billing.Host.Http;

/// <summary>
/// Request body limit: a declared body above <see cref="MaxBodyBytes"/> is refused with 413 before it is read
/// (Kestrel enforces the same limit on bodies of unknown length as they stream in).
/// </summary>
internal sealed class RequestLimits(RequestDelegate next)
{
    public const long MaxBodyBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "The request body is too large.",
                    Detail = $"Request bodies are limited to {MaxBodyBytes / 1024} KiB.",
                    Type = ProblemTypes.For(413),
                    Extensions = { ["code"] = "payload_too_large" },
                },
            });
            return;
        }

        await next(context);
    }
}
