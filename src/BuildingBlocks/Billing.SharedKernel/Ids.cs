using System.Security.Cryptography;

namespace Billing.SharedKernel;

/// <summary>Generates opaque identifiers such as <c>sub_k3v9q2m8x7d4w1c5</c>.</summary>
public static class Ids
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string New(string prefix, int length = 16) => prefix + "_" + RandomNumberGenerator.GetString(Alphabet, length);
}
