namespace Closeloop.Server.Tests.Infrastructure;

/// <summary>
/// Tests that check nothing was written by counting every order on a shared server; they run when
/// no other test is writing.
/// </summary>
[CollectionDefinition(nameof(Alone), DisableParallelization = true)]
public sealed class Alone;
