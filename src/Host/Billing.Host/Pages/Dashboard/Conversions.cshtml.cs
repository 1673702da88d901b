using System.Globalization;
using System.Text.Json;
using Billing.Host.Dashboard;
using Billing.SharedKernel;
using Billing.Tracking.Contracts;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Billing.Host.Pages.Dashboard;

/// <summary>D4: the conversion report (T7) per day, type, status and coupon as a table and a chart, and the error log (T4).</summary>
internal sealed class ConversionsModel(IMediator mediator) : PageModel
{
    private const int ErrorsPageSize = 100;

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Coupon { get; set; }

    public ConversionReportDto? Report { get; private set; }

    public IReadOnlyList<ConversionReportRow> Rows { get; private set; } = [];

    /// <summary>Issue 16: the error log's page to show (the newest first when absent).</summary>
    [BindProperty(SupportsGet = true, Name = "errors_cursor")]
    public string? ErrorsCursor { get; set; }

    public IReadOnlyList<ConversionErrorDto> Errors { get; private set; } = [];

    /// <summary>The cursor of the older errors' page, when there are more.</summary>
    public string? OlderErrorsCursor { get; private set; }

    public string? Refusal { get; private set; }

    public string ChartJson { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var report = await mediator.Send(new GetConversionReport(Blank(From), Blank(To)), ct);
        if (!report.IsSuccess)
        {
            Refusal = report.Error!.Fields.Count > 0 ? string.Join(" ", report.Error.Fields.SelectMany(f => f.Value)) : report.Error.Message;
        }
        else
        {
            Report = report.Value;
            Rows = report.Value.Rows
                .Where(r => Blank(Type) is not { } type || r.ConversionTypeCode == type)
                .Where(r => Blank(Coupon) is not { } coupon || string.Equals(r.CouponCode, coupon, StringComparison.OrdinalIgnoreCase))
                .ToList();
            var days = Rows.Select(r => r.Day).Distinct().Order().ToList();
            var types = Rows.Select(r => r.ConversionTypeCode).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            ChartJson = JsonSerializer.Serialize(new
            {
                labels = days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                datasets = types.Select(t => new { label = t, data = days.Select(d => Rows.Where(r => r.Day == d && r.ConversionTypeCode == t).Sum(r => r.Count)) }),
            });
        }

        var errors = await mediator.Send(new ListConversionErrors(new PageRequest(ErrorsPageSize, ErrorsCursor)), ct);
        Errors = errors.IsSuccess ? errors.Value.Data : [];
        OlderErrorsCursor = errors.IsSuccess ? errors.Value.NextCursor : null;
        return Page();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string Amount(string? amount, string? currency) => amount is null ? "—" : Ui.Money(decimal.Parse(amount, CultureInfo.InvariantCulture), currency);
}
