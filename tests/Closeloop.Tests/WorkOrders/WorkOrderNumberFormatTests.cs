using Closeloop.WorkOrders;

namespace Closeloop.Tests.WorkOrders;

public sealed class WorkOrderNumberFormatTests
{
    [Theory]
    [InlineData("{date:yyyyMMdd}{seq:000000}", 42, "20261123000042")]
    [InlineData("RQ{date:yyMMdd}{seq:0000}", 7, "RQ2611230007")]
    [InlineData("GD-{date:yyyyMMdd}-{seq:00000}", 12345, "GD-20261123-12345")]
    public void A_number_is_the_date_of_acceptance_and_the_days_sequence(string pattern, long sequence, string expected)
    {
        Assert.Equal(expected, WorkOrderNumberFormat.Parse(pattern).Format(new DateOnly(2026, 11, 23), sequence));
    }

    [Fact]
    public void Each_day_and_each_format_counts_on_its_own()
    {
        var national = WorkOrderNumberFormat.Parse("{date:yyyyMMdd}{seq:000000}");
        var gas = WorkOrderNumberFormat.Parse("RQ{date:yyMMdd}{seq:0000}");
        var day = new DateOnly(2026, 11, 23);

        Assert.NotEqual(national.SequenceScope(day), national.SequenceScope(day.AddDays(1)));
        Assert.NotEqual(national.SequenceScope(day), gas.SequenceScope(day));
    }

    [Theory]
    [InlineData("{seq:000000}")]
    [InlineData("{date:yyyyMMdd}")]
    [InlineData("{seq:0000}{date:yyyyMMdd}")]
    [InlineData("{date:yyyy-MM-dd}{seq:0000}")]
    [InlineData("{date:yyyyMMdd}{seq:000}{x}")]
    public void A_format_without_a_date_followed_by_a_sequence_is_refused(string pattern)
    {
        Assert.Throws<FormatException>(() => WorkOrderNumberFormat.Parse(pattern));
    }
}
