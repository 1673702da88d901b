using System.Text.RegularExpressions;
using Billing.Coupons.Domain;
using Xunit;

namespace Billing.Coupons.Tests;

public sealed class CodeTemplateTests
{
    [Fact]
    public void A_template_makes_codes_of_its_literal_and_random_parts_C16()
    {
        var template = CodeTemplate.Parse("'SUMMER-'xx99**").Value;

        var codes = Enumerable.Range(0, 500).Select(_ => template.Generate()).ToList();

        Assert.All(codes, code => Assert.Matches(new Regex("^SUMMER-[A-Z]{2}[0-9]{2}[A-Z0-9]{2}$"), code));
        Assert.True(codes.Distinct().Count() > 450, "codes are random, not sequential");
    }

    [Fact]
    public void A_template_knows_how_many_codes_it_can_make_C16()
    {
        Assert.Equal(26 * 26 * 10 * 10 * 36 * 36, (long)CodeTemplate.Parse("'SUMMER-'xx99**").Value.Capacity);
        Assert.Equal(10, (long)CodeTemplate.Parse("'A'9").Value.Capacity);
    }

    [Theory]
    [InlineData("'SUMMER-xx99", "not closed")]
    [InlineData("'SUMMER'", "at least one random placeholder")]
    [InlineData("abc", "'a' is not a placeholder")]
    [InlineData("'SUM MER'99", "' ' cannot appear")]
    [InlineData("", "required")]
    [InlineData("'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'9", "1 to 50 characters")]
    public void A_malformed_template_is_refused_with_a_message_that_says_what_is_wrong_C16(string template, string message)
    {
        var parsed = CodeTemplate.Parse(template);

        Assert.False(parsed.IsSuccess);
        Assert.Contains(message, parsed.Error.Fields["unique_code_template"].Single(), StringComparison.Ordinal);
    }
}
