using Closeloop.Routing;

namespace Closeloop.Tests.Routing;

public sealed class AreaCodeTests
{
    [Theory]
    [InlineData("320000", "320115", true)]
    [InlineData("320100", "320115", true)]
    [InlineData("320115", "320115", true)]
    [InlineData("320100", "320500", false)]
    [InlineData("330000", "320115", false)]
    [InlineData("320115", "320100", false)]
    public void A_province_or_city_code_covers_the_codes_under_it(string rule, string customer, bool covers) =>
        Assert.Equal(covers, AreaCode.Parse(rule).Covers(AreaCode.Parse(customer)));

    [Theory]
    [InlineData("320000", 2)]
    [InlineData("320100", 4)]
    [InlineData("320115", 6)]
    public void A_code_is_as_specific_as_the_digits_it_fixes(string code, int specificity) =>
        Assert.Equal(specificity, AreaCode.Parse(code).Specificity);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("32011")]
    [InlineData("3201150")]
    [InlineData("32a115")]
    [InlineData("000000")]
    [InlineData("３２０１１５")]
    public void Anything_but_six_digits_is_not_an_area_code(string? text) => Assert.False(AreaCode.TryParse(text, out _));
}
