namespace Billing.SharedKernel;

/// <summary>The one rounding rule of Billing: half away from zero, in integer arithmetic.</summary>
public static class Rounding
{
    public static long DivideHalfAwayFromZero(long numerator, long denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(denominator);
        long quotient = Math.DivRem(numerator, denominator, out long remainder);
        if (Math.Abs(remainder) * 2 >= denominator)
        {
            quotient += Math.Sign(numerator);
        }

        return quotient;
    }
}
