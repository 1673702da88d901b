namespace Billing.BuildingBlocks.Clock;

/// <summary>The test clock's instant, one row of the platform's table, so that it survives a restart (issue 14 item 2).</summary>
internal sealed class TestClockRecord
{
    /// <summary>The one row's key.</summary>
    public const int Row = 1;

    public int Id { get; set; }

    public DateTimeOffset Now { get; set; }
}
