using Closeloop.WorkOrders;

namespace Closeloop.Tests.WorkOrders;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("13812345678", "13812345678", "138****5678")]
    [InlineData("138 1234 5678", "13812345678", "138****5678")]
    [InlineData("+86 138-1234-5678", "13812345678", "138****5678")]
    [InlineData("025-84561234", "025-84561234", "025-****1234")]
    [InlineData("(025) 8456 1234", "025-84561234", "025-****1234")]
    [InlineData("010-6543210", "010-6543210", "010-****3210")]
    [InlineData("0512-65432100转808", "0512-65432100-808", "0512-****2100")]
    [InlineData("051265432100", "0512-65432100", "0512-****2100")]
    public void Numbers_are_kept_normalised_and_shown_masked(string typed, string stored, string masked)
    {
        var phone = PhoneNumber.Parse(typed);

        Assert.Equal(stored, phone.Value);
        Assert.Equal(masked, phone.Masked());
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("12812345678")]
    [InlineData("1381234567")]
    [InlineData("025-0123456")]
    [InlineData("95598")]
    [InlineData("电话13812345678")]
    [InlineData("13812345678转1")]
    public void What_is_not_a_mainland_number_is_refused(string typed)
    {
        Assert.False(PhoneNumber.TryParse(typed, out _));
    }

    [Fact]
    public void A_customer_shown_masked_keeps_the_family_name_and_the_district()
    {
        var customer = new Customer("欧阳娜娜", PhoneNumber.Parse("13812345678"), "3201150001", "江苏省南京市江宁区天元中路88号", "320115", null);

        var masked = customer.Masked();

        Assert.Equal("欧***", masked.Name);
        Assert.Equal("江苏省南京市江宁区****", masked.Address);
        Assert.Equal("3201150001", masked.CustomerNumber);
    }
}
