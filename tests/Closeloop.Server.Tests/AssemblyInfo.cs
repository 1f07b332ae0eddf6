using Closeloop.Server.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(Databases))]
