using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Billing.SharedKernel;

namespace Billing.Coupons.Domain;

/// <summary>
/// A bulk coupon's unique-code template (C16): a literal in single quotes, <c>9</c> a random digit,
/// <c>x</c> a random letter, <c>*</c> a random letter or digit — e.g. <c>'SUMMER-'xx99**</c>.
/// Generated letters are upper case; codes are case-insensitive anyway (C1).
/// </summary>
internal sealed class CodeTemplate
{
    public const int MaxCodeLength = 50;

    private const string Digits = "0123456789";
    private const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Alphanumerics = Letters + Digits;

    /// <summary>Each position: a fixed character, or the alphabet it is drawn from.</summary>
    private readonly IReadOnlyList<(char Literal, string? Alphabet)> positions;

    private CodeTemplate(IReadOnlyList<(char Literal, string? Alphabet)> positions)
    {
        this.positions = positions;
        Capacity = positions.Aggregate(BigInteger.One, (product, p) => p.Alphabet is null ? product : product * p.Alphabet.Length);
    }

    /// <summary>How many distinct codes the template can produce.</summary>
    public BigInteger Capacity { get; }

    /// <summary>How many more codes it can produce once <paramref name="issued"/> are issued (at most <see cref="long.MaxValue"/>).</summary>
    public long Remaining(long issued) => (long)BigInteger.Min(BigInteger.Max(Capacity - issued, BigInteger.Zero), long.MaxValue);

    /// <summary>Every code of the template, in random order; only for a small template (C16).</summary>
    public List<string> AllInRandomOrder()
    {
        var codes = new List<string>((int)Capacity);
        for (BigInteger index = 0; index < Capacity; index++)
        {
            codes.Add(At(index));
        }

        RandomNumberGenerator.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(codes));
        return codes;
    }

    public static Result<CodeTemplate> Parse(string? template)
    {
        if (string.IsNullOrEmpty(template))
        {
            return Invalid("unique_code_template is required for a bulk coupon (C16).");
        }

        var positions = new List<(char, string?)>();
        bool inLiteral = false;
        foreach (char c in template)
        {
            if (c == '\'')
            {
                inLiteral = !inLiteral;
            }
            else if (inLiteral)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '+'))
                {
                    return Invalid($"unique_code_template: '{c}' cannot appear in a code; literals may hold letters, digits, '-', '_' and '+' (C1).");
                }

                positions.Add((char.ToUpperInvariant(c), null));
            }
            else
            {
                string? alphabet = c switch
                {
                    '9' => Digits,
                    'x' or 'X' => Letters,
                    '*' => Alphanumerics,
                    _ => null,
                };
                if (alphabet is null)
                {
                    return Invalid($"unique_code_template: '{c}' is not a placeholder; use 9 (digit), x (letter), * (either), and single quotes around literal text (C16).");
                }

                positions.Add(('\0', alphabet));
            }
        }

        if (inLiteral)
        {
            return Invalid("unique_code_template: a quoted literal is not closed (C16).");
        }

        if (positions.Count is 0 or > MaxCodeLength)
        {
            return Invalid($"unique_code_template must produce codes of 1 to {MaxCodeLength} characters (C1).");
        }

        if (positions.All(p => p.Item2 is null))
        {
            return Invalid("unique_code_template needs at least one random placeholder (9, x or *) (C16).");
        }

        return new CodeTemplate(positions);
    }

    /// <summary>One random code (cryptographic randomness: codes must not be guessable from each other).</summary>
    public string Generate()
    {
        var code = new StringBuilder(positions.Count);
        foreach (var (literal, alphabet) in positions)
        {
            code.Append(alphabet is null ? literal : alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]);
        }

        return code.ToString();
    }

    /// <summary>The code at <paramref name="index"/> (0 to Capacity - 1) when the template's codes are counted in a fixed order.</summary>
    private string At(BigInteger index)
    {
        var code = new char[positions.Count];
        for (int i = positions.Count - 1; i >= 0; i--)
        {
            var (literal, alphabet) = positions[i];
            if (alphabet is null)
            {
                code[i] = literal;
            }
            else
            {
                code[i] = alphabet[(int)(index % alphabet.Length)];
                index /= alphabet.Length;
            }
        }

        return new string(code);
    }

    private static Error Invalid(string message) => Error.Validation("unique_code_template", message);
}
