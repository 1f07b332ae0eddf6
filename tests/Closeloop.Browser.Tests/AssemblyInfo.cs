using Closeloop.Browser.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(Site))]
