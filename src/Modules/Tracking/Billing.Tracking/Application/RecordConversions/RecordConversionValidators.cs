using System.Linq.Expressions;
using Billing.SharedKernel;
using Billing.Tracking.Contracts;
using Billing.Tracking.Domain;
using FluentValidation;

namespace Billing.Tracking.Application.RecordConversions;

/// <summary>
/// The fields every posted conversion is checked for (T2, T3, T5). Field names in errors are seed 000's camelCase
/// names (<c>geoLocation</c>, <c>amount.value</c>), as the merchant sent them.
/// </summary>
internal abstract class RecordConversionValidator<TCommand> : AbstractValidator<TCommand>
    where TCommand : IRecordConversion
{
    protected RecordConversionValidator()
    {
        RuleFor(c => c.Conversion.ConversionTypeCode).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("conversionTypeCode is required: sale, couponredeem, or another conversion type that exists (T1).")
            .Matches(ConversionType.CodePattern).WithMessage("conversionTypeCode is 1–50 lower-case letters, digits or underscores, such as sale or couponredeem.")
            .OverridePropertyName("conversionTypeCode");
        RuleFor(c => c.Conversion.Status)
            .Must(status => status is null || ConversionStatuses.TryParse(status, out _))
            .WithMessage($"status is one of {ConversionStatuses.Accepted}; approved when absent (T5).")
            .OverridePropertyName("status");
        RuleFor(c => c.Conversion.GeoLocation)
            .Must(geoLocation => geoLocation is null || Countries.TryNormalize(geoLocation, out _))
            .WithMessage("geoLocation is an ISO 3166-1 alpha-2 country code such as US, DE or JP; leave it out when the country is not known (US is assumed, T2).")
            .OverridePropertyName("geoLocation");
        RuleFor(c => c.Conversion.RevenueOriginId)
            .Matches(RevenueOrigin.IdPattern).WithMessage("revenueOriginId is the id of an existing revenue origin: 1–100 letters, digits, '-' or '_'.")
            .OverridePropertyName("revenueOriginId");
        RuleFor(c => c.Conversion.CouponCode)
            .Matches(Conversion.CouponCodePattern).WithMessage("couponCode is 1–50 letters, digits, '-', '_' or '+' (C1).")
            .OverridePropertyName("couponCode");
        RuleFor(c => c.Conversion.ExternalId)
            .Matches(Conversion.ExternalIdPattern).WithMessage("externalId is 1–255 characters without '/' or control characters: your unique id of the transaction.")
            .OverridePropertyName("externalId");
        RuleFor(c => c.Conversion.CustomerId)
            .Must(id => id is null || id.Length is > 0 and <= 255).WithMessage("customerId is 1–255 characters: your id of the customer.")
            .Matches(Grammar.OneLine).WithMessage("customerId is one line of text, without control characters such as a newline.")
            .OverridePropertyName("customerId");
        When(c => c.Conversion.Amount is not null, () =>
        {
            RuleFor(c => c.Conversion.Amount!.Value).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("amount.value is required when amount is sent: the amount as a decimal string such as \"100.5\".")
                .Must(value => DecimalAmount.TryParse(value, out _))
                .WithMessage($"amount.value is a decimal string with a dot, such as \"100.5\": up to {DecimalAmount.MaxIntegerDigits} digits before the dot and {DecimalAmount.MaxDecimals} after, without sign, spaces or thousands separators.")
                .Must(value => DecimalAmount.Parse(value!).IsPositive).WithMessage("amount.value is greater than zero.")
                .OverridePropertyName("amount.value");
            RuleFor(c => c.Conversion.Amount!.Currency)
                .Must(currency => currency is null || Currency.TryFind(currency, out _))
                .WithMessage("amount.currency is an ISO 4217 currency code in capitals, such as USD; leave it out when unknown.")
                .OverridePropertyName("amount.currency");
            RuleFor(c => c.Conversion.Amount!)
                .Must(amount => FitsItsCurrency(amount))
                .WithMessage(c => $"amount.value has more decimals than {c.Conversion.Amount!.Currency} has (M1).")
                .OverridePropertyName("amount.value");
        });
        When(c => c.Conversion.CustomParams is not null, () =>
        {
            AddCustomParam("advS1", c => c.Conversion.CustomParams!.AdvS1);
            AddCustomParam("advS2", c => c.Conversion.CustomParams!.AdvS2);
            AddCustomParam("advS3", c => c.Conversion.CustomParams!.AdvS3);
            AddCustomParam("advS4", c => c.Conversion.CustomParams!.AdvS4);
            AddCustomParam("advS5", c => c.Conversion.CustomParams!.AdvS5);
        });
    }

    private static bool FitsItsCurrency(ConversionAmount amount) =>
        !DecimalAmount.TryParse(amount.Value, out var value)
        || !Currency.TryFind(amount.Currency, out var currency)
        || value.FitsDecimalsOf(currency);

    /// <summary>
    /// A property path, not a delegate call: FluentValidation caches the compiled accessor of a property path, and
    /// compiles any other expression again for every validator instance, which is every request (issue 7).
    /// </summary>
    private void AddCustomParam(string name, Expression<Func<TCommand, string?>> customParam) =>
        RuleFor(customParam)
            .Must(text => text is null || text.Length <= CustomParamNames.MaxLength)
            .WithMessage($"customParams.{name} is at most {CustomParamNames.MaxLength} characters.")
            .Matches(Grammar.OneLine).WithMessage($"customParams.{name} is one line of text, without control characters such as a newline.")
            .OverridePropertyName($"customParams.{name}");
}

/// <summary>T2: a couponredeem conversion names the coupon code and opens a new cid, so it sends none.</summary>
internal sealed class RecordCouponRedeemValidator : RecordConversionValidator<RecordCouponRedeem>
{
    public RecordCouponRedeemValidator()
    {
        RuleFor(c => c.Conversion.CouponCode)
            .NotEmpty().WithMessage("couponCode is required: the coupon code the customer used (T2).")
            .OverridePropertyName("couponCode");
        RuleFor(c => c.Conversion.Cid)
            .Null().WithMessage("cid is answered by a couponredeem conversion, not sent with it: leave it out (T2).")
            .OverridePropertyName("cid");
    }
}

/// <summary>T3: a sale names the cid a couponredeem conversion answered, its amount and its unique externalId.</summary>
internal sealed class RecordSaleValidator : RecordConversionValidator<RecordSale>
{
    public RecordSaleValidator()
    {
        RuleFor(c => c.Conversion.ConversionTypeCode)
            .NotEqual(ConversionTypeCodes.CouponRedeem).WithMessage("A couponredeem conversion opens a cid; it is recorded as a coupon redeem, not on a cid (T2).")
            .OverridePropertyName("conversionTypeCode");
        RuleFor(c => c.Conversion.Cid).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("cid is required: the cid your couponredeem conversion answered (T3).")
            .Matches(Conversion.CidPattern).WithMessage("cid is the cid a couponredeem conversion answered, such as cid_k3v9q2m8x7d4w1c5abcd.")
            .OverridePropertyName("cid");
        When(c => c.Conversion.ConversionTypeCode == ConversionTypeCodes.Sale, () =>
        {
            RuleFor(c => c.Conversion.Amount)
                .NotNull().WithMessage("amount is required for a sale: {\"value\": \"100.5\"} (T3).")
                .OverridePropertyName("amount");
            RuleFor(c => c.Conversion.ExternalId)
                .NotEmpty().WithMessage("externalId is required for a sale: your unique id of the transaction, such as the invoice or charge id (T3).")
                .OverridePropertyName("externalId");
        });
    }
}
