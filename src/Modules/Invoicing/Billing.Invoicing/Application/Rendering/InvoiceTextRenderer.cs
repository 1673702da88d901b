using System.Globalization;
using System.Text;
using Billing.Invoicing.Contracts;
using Billing.Invoicing.Domain;
using Billing.SharedKernel;

namespace Billing.Invoicing.Application.Rendering;

/// <summary>
/// I6: the invoice as plain text a person reads, 78 columns wide. A discounted line shows its list price then what
/// is paid (<c>$20.00 $10.00</c>), or <c>$20.00 FREE</c> when fully discounted (seed 002); each discount is listed
/// under its line with its coupon code, then the line's tax. One-time charges and proration lines say what they are,
/// a credit is negative and labelled, long descriptions wrap under the description column instead of being cut, and the
/// "Discounts applied" note (I1) closes the invoice. A preview (I7) says it is not an issued invoice; an issued one shows
/// its state, what was paid and is still due, and each payment (P1, P2); credit used is its own line after the total (P5).
/// </summary>
internal static class InvoiceTextRenderer
{
    private const int Width = 78;
    private const int DescriptionWidth = 34;

    /// <summary>A wrapped description continues indented inside its column, so it never reads as a new line (issue 14).</summary>
    private const int ContinuationIndent = 2;

    public static string Render(Invoice invoice)
    {
        var currency = Currency.Of(invoice.Currency);
        string Format(long minor) => new Money(minor, currency).Format();
        var text = new StringBuilder();
        text.AppendLine(invoice.IsPreview
            ? "INVOICE PREVIEW (not issued)"
            : $"{(invoice.Kind == InvoiceKind.CreditNote ? "CREDIT NOTE" : "INVOICE")} {invoice.Number.ToString(CultureInfo.InvariantCulture)}");
        if (invoice.RefundsInvoiceNumber is { } refunded)
        {
            Field(text, "Refunds", $"invoice {refunded.ToString(CultureInfo.InvariantCulture)}");
        }

        if (invoice.AccountCode.Length > 0)
        {
            Field(text, "Account", invoice.AccountCode);
        }

        if (invoice.SubscriptionId is not null)
        {
            Field(text, "Subscription", invoice.PlanCode is null ? invoice.SubscriptionId : $"{invoice.SubscriptionId} ({invoice.PlanCode})");
        }
        else if (invoice.PlanCode is not null)
        {
            Field(text, "Plan", invoice.PlanCode);
        }

        if (invoice.PeriodStart is { } start && invoice.PeriodEnd is { } end)
        {
            Field(text, "Period", $"{Date(start)} to {Date(end)}{(invoice.IsTrial ? " (trial)" : string.Empty)}");
        }

        Field(text, invoice.IsPreview ? "Prepared" : "Issued", invoice.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
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
            var description = Wrap(Label(line) + line.Description, DescriptionWidth, ContinuationIndent);
            text.AppendLine(Row(description[0], line.Quantity.ToString(CultureInfo.InvariantCulture), Format(line.UnitAmount), price));
            foreach (string more in description.Skip(1))
            {
                text.AppendLine(more);
            }

            foreach (var discount in line.Discounts)
            {
                text.AppendLine(Row($"  discount {discount.CouponCode}", string.Empty, string.Empty, Format(-discount.Amount)));
            }

            if (line.Tax != 0)
            {
                text.AppendLine(Row($"  tax {invoice.TaxRatePercent.WithoutTrailingZeros().ToString(CultureInfo.InvariantCulture)}%", string.Empty, string.Empty, Format(line.Tax)));
            }
        }

        text.AppendLine(new string('-', Width));
        if (invoice.Lines.Any(l => l.Amount < 0))
        {
            text.AppendLine(Total("Charges", Format(invoice.Lines.Where(l => l.Amount > 0).Sum(l => l.Amount))));
            text.AppendLine(Total("Credits", Format(invoice.Lines.Where(l => l.Amount < 0).Sum(l => l.Amount))));
        }

        text.AppendLine(Total("Subtotal", Format(invoice.Subtotal)));
        text.AppendLine(Total("Discounts", Format(-invoice.DiscountTotal)));
        text.AppendLine(Total("Tax", Format(invoice.TaxTotal)));
        text.AppendLine(Total("Total", Format(invoice.Total)));
        if (invoice.CreditApplied != 0)
        {
            text.AppendLine(Total("Credit applied", Format(-invoice.CreditApplied)));
        }

        if (!invoice.IsPreview && invoice.Kind != InvoiceKind.CreditNote)
        {
            text.AppendLine(Total("Amount paid", Format(invoice.AmountPaid)));
            text.AppendLine(Total("Amount due", Format(invoice.AmountDue)));
            if (invoice.AmountRefunded != 0)
            {
                text.AppendLine(Total("Refunded", Format(-invoice.AmountRefunded)));
            }

            foreach (var payment in invoice.Payments)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"Paid {Date(payment.PaidAt)} by {payment.Method}{(payment.Reference is null ? string.Empty : $" ({payment.Reference})")}: {Format(payment.Amount)}");
            }
        }

        if (invoice.CouponCodes.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Coupons: " + string.Join(", ", invoice.CouponCodes));
        }

        if (invoice.Notes is not null)
        {
            foreach (string note in Wrap(invoice.Notes, Width, 0))
            {
                text.AppendLine(note);
            }
        }

        return text.ToString();
    }

    /// <summary>Says what a line is when its type is not a plain subscription charge (I2, S7, S8).</summary>
    private static string Label(InvoiceLine line) => line.Type switch
    {
        LineType.OneTime => "One-time: ",
        LineType.ProrationCharge => "Prorated: ",
        LineType.ProrationCredit => "Credit: ",
        _ => string.Empty,
    };

    private static string Date(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Field(StringBuilder text, string name, string value) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"{name,-14}{value}");

    private static string Row(string description, string quantity, string unitPrice, string amount) =>
        $"{description,-DescriptionWidth}{quantity,5}{unitPrice,14}{amount,25}".TrimEnd();

    private static string Total(string name, string amount) => Row(name, string.Empty, string.Empty, amount);

    /// <summary>
    /// Breaks text into lines of at most <paramref name="width"/> characters at spaces; a longer word is cut. Lines after
    /// the first are indented by <paramref name="indent"/> and stay within the same width.
    /// </summary>
    private static List<string> Wrap(string text, int width, int indent)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        void Break()
        {
            lines.Add(current.ToString());
            current.Clear().Append(' ', indent);
        }

        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string rest = word;
            while (rest.Length > 0)
            {
                bool fresh = current.Length == (lines.Count == 0 ? 0 : indent);
                int free = width - current.Length - (fresh ? 0 : 1);
                if (rest.Length <= free)
                {
                    current.Append(fresh ? string.Empty : " ").Append(rest);
                    rest = string.Empty;
                }
                else if (!fresh)
                {
                    Break();
                }
                else
                {
                    current.Append(rest[..free]);
                    rest = rest[free..];
                    Break();
                }
            }
        }

        lines.Add(current.ToString());
        return lines;
    }
}
