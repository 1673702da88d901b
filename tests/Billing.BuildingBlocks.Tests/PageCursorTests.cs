using Billing.SharedKernel;
using Xunit;

namespace Billing.BuildingBlocks.Tests;

/// <summary>Issue 16: a list's cursor is opaque on the wire, reads back exactly, and anything else is refused.</summary>
public sealed class PageCursorTests
{
    [Theory]
    [InlineData(0L, "a")]
    [InlineData(639_000_000_000_000_000L, "acme:with:colons")]
    [InlineData(42L, "código-ü")]
    public void A_cursor_reads_back_as_it_was_written(long position, string id)
    {
        string text = new PageCursor(position, id).Encode();

        Assert.DoesNotContain(id, text, StringComparison.Ordinal);
        Assert.True(PageCursor.TryDecode(text, out var read));
        Assert.Equal(new PageCursor(position, id), read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("cur_k3v9q2m8x7d4w1c5")]
    [InlineData("OjEy")]
    [InlineData("MTI6")]
    [InlineData("LTE6YQ")]
    public void A_text_this_server_did_not_give_out_is_not_a_cursor(string text) =>
        Assert.False(PageCursor.TryDecode(text, out _));

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public void A_limit_outside_1_to_200_is_refused_naming_limit(int limit)
    {
        var read = new PageRequest(limit, null).Read();

        Assert.Equal("validation_failed", read.Error!.Code);
        Assert.Contains("limit", read.Error.Fields.Keys);
    }

    [Fact]
    public void A_malformed_cursor_is_refused_with_its_own_code_naming_cursor()
    {
        var read = new PageRequest(null, "garbage!").Read();

        Assert.Equal("invalid_cursor", read.Error!.Code);
        Assert.Equal(ErrorKind.Validation, read.Error.Kind);
        Assert.Contains("cursor", read.Error.Fields.Keys);
    }

    [Fact]
    public void Without_a_limit_a_page_holds_50()
    {
        var read = PageRequest.First.Read();

        Assert.Equal((50, (PageCursor?)null), read.Value);
    }
}
