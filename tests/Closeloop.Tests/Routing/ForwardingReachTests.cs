using Closeloop.Routing;
using Closeloop.Tests.WorkOrders;

namespace Closeloop.Tests.Routing;

public sealed class ForwardingReachTests
{
    [Theory]
    [InlineData("js-csc", "js-nj-jn-mkt", true)]     // the province centre acts for the province company
    [InlineData("js-csc", "js-nj-mkt", true)]
    [InlineData("js-csc", "zj-csc", false)]          // another province
    [InlineData("js-nj-jn-mkt", "js-nj-jn-om", true)] // a county department to the county's O&M
    [InlineData("js-nj-jn-mkt", "js-nj-mkt", false)]  // not up to the city
    [InlineData("js-nj", "js-nj-jn", true)]           // a company into its own subtree
    [InlineData("js-nj-jn", "js-nj-mkt", false)]
    [InlineData("js-nj-jn-crew1", "js-nj-jn-om", false)] // a crew reaches nothing but itself
    [InlineData("js-csc", "js-csc", false)]
    public void A_unit_forwards_only_inside_its_own_subtree_a_department_inside_its_companys(string from, string to, bool allowed) =>
        Assert.Equal(allowed, ForwardingReach.Allows(TestRules.Org, from, to));
}
