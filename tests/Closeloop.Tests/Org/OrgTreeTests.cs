using Closeloop.Org;
using Closeloop.Presets;
using Closeloop.Tests.WorkOrders;

namespace Closeloop.Tests.Org;

public sealed class OrgTreeTests
{
    [Fact]
    public void A_unit_lies_within_its_ancestors_and_not_within_its_siblings()
    {
        var org = TestRules.Org;

        Assert.True(org.IsWithin("js-nj-jn", "js"));
        Assert.True(org.IsWithin("js", "js"));
        Assert.False(org.IsWithin("js-nj-jn", "csc"));
        Assert.Equal(["js-nj-jn", "js-nj-jn-crew1", "js-nj-jn-mkt", "js-nj-jn-om"], org.SubtreeOf("js-nj-jn").Order());
        Assert.Equal(["hq", "js", "js-nj", "js-nj-jn"], org.PathOf("js-nj-jn"));
    }

    [Fact]
    public void A_tree_with_a_cycle_an_orphan_or_a_repeated_code_is_refused()
    {
        static OrgUnit Unit(string code, string? parent) => new(code, parent, OrgUnitKind.Department, new Label(code, code), []);

        Assert.Throws<ArgumentException>(() => new OrgTree([Unit("a", "b"), Unit("b", "a")]));
        Assert.Throws<ArgumentException>(() => new OrgTree([Unit("a", null), Unit("b", "missing")]));
        Assert.Throws<ArgumentException>(() => new OrgTree([Unit("a", null), Unit("a", null)]));
    }
}
