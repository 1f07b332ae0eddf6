namespace Closeloop.Tests;

public sealed class ArchitectureTests
{
    [Fact]
    public void The_domain_references_nothing_but_the_base_class_library()
    {
        var references = typeof(Closeloop.WorkOrders.WorkOrder).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.All(references, name => Assert.True(name is "System.Runtime" or "System.Collections" or "System.Linq" or "System.Text.RegularExpressions" or "System.Memory" || name.StartsWith("System.", StringComparison.Ordinal), name));
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.", StringComparison.Ordinal) || name.Contains("EntityFramework", StringComparison.Ordinal) || name.StartsWith("Npgsql", StringComparison.Ordinal) || name.StartsWith("YamlDotNet", StringComparison.Ordinal));
    }
}
