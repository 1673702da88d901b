using System.Globalization;
using System.Text;
using Billing.Invoicing.Domain;
using Billing.SharedKernel;

namespace Billing.Invoicing.Application.Rendering;

/// <summary>
/// I6: the invoice as plain text. A discounted line shows its list price then what is paid
/// (<c>$20.00 $10.00</c>), or <c>$20.00 FREE</c> when fully discounted (seed 002); each discount is listed
/// under its line with its coupon code.
/// </summary>
internal static class InvoiceTextRenderer
{
    private const int Width = 78;

    public static string Render(Invoice invoice)
    {
        var currency = Currency.Of(invoice.Currency);
        string Format(long minor) => new Money(minor, currency).Format();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"INVOICE {invoice.Number}");
        Field(text, "Account", invoice.AccountCode);
        if (invoice.SubscriptionId is not null)
        {
            Field(text, "Subscription", invoice.PlanCode is null ? invoice.SubscriptionId : $"{invoice.SubscriptionId} ({invoice.PlanCode})");
        }

        if (invoice.PeriodStart is { } start && invoice.PeriodEnd is { } end)
        {
            Field(text, "Period", $"{start:yyyy-MM-dd} to {end:yyyy-MM-dd}{(invoice.IsTrial ? " (trial)" : string.Empty)}");
        }

        Field(text, "Issued", invoice.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        Field(text, "Currency", invoice.Currency);
        Field(text, "State", invoice.State);
        text.AppendLine();
        text.AppendLine(Row("Description", "Qty", "Unit price", "Amount"));
        text.AppendLine(new string('-', Width));
        foreach (var line in invoice.Lines.OrderBy(l => l.Position))
        {
            string price = line.Discount == 0
                ? Format(line.Amount)
                : line.Discount == line.Amount
                    ? $"{Format(line.Amount)} FREE"
                    : $"{Format(line.Amount)} {Format(line.Amount - line.Discount)}";
            text.AppendLine(Row(line.Description, line.Quantity.ToString(CultureInfo.InvariantCulture), Format(line.UnitAmount), price));
            foreach (var discount in line.Discounts)
            {
                text.AppendLine(Row($"  discount {discount.CouponCode}", string.Empty, string.Empty, Format(-discount.Amount)));
            }

            if (line.Tax != 0)
            {
                text.AppendLine(Row($"  tax {invoice.TaxRatePercent.ToString(CultureInfo.InvariantCulture)}%", string.Empty, string.Empty, Format(line.Tax)));
            }
        }

        text.AppendLine(new string('-', Width));
        text.AppendLine(Row("Subtotal", string.Empty, string.Empty, Format(invoice.Subtotal)));
        text.AppendLine(Row("Discounts", string.Empty, string.Empty, Format(-invoice.DiscountTotal)));
        text.AppendLine(Row("Tax", string.Empty, string.Empty, Format(invoice.TaxTotal)));
        text.AppendLine(Row("Total", string.Empty, string.Empty, Format(invoice.Total)));
        if (invoice.CouponCodes.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Coupons: " + string.Join(", ", invoice.CouponCodes));
        }

        if (invoice.Notes is not null)
        {
            text.AppendLine(invoice.Notes);
        }

        return text.ToString();
    }

    private static void Field(StringBuilder text, string name, string value) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"{name,-14}{value}");

    private static string Row(string description, string quantity, string unitPrice, string amount)
    {
        string left = description.Length > 34 ? description[..33] + "…" : description;
        return $"{left,-34}{quantity,5}{unitPrice,14}{amount,25}".TrimEnd();
    }
}
