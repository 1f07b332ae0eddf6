namespace Closeloop.Server.People;

public static class PeopleApi
{
    /// <summary>The rate-limiting policy of everything that checks a password.</summary>
    public const string SignInLimit = "signIn";

    /// <summary>Maps <c>/api/auth</c> (sign-in, tokens, who am I) and <c>/api/people</c> (administration).</summary>
    public static IEndpointRouteBuilder MapPeople(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/api/auth").WithTags("Sign-in");
        auth.MapPost("/tokens", PersonalTokens.Issue).AllowAnonymous().RequireRateLimiting(SignInLimit)
            .WithName("IssueToken").WithSummary("Sign in with user name and password and get a personal API token (shown once)");
        auth.MapGet("/tokens", PersonalTokens.List).WithName("ListTokens").WithSummary("Your personal tokens, without their secrets");
        auth.MapDelete("/tokens/{id:guid}", PersonalTokens.Revoke).WithName("RevokeToken").WithSummary("Revoke one of your tokens");
        auth.MapGet("/me", PersonalTokens.WhoAmI).WithName("WhoAmI").WithSummary("Who you are: unit, roles, permissions and actions");

        var people = routes.MapGroup("/api/people").WithTags("People");
        people.MapGet("/", ManagePeople.List).WithName("ListPeople").WithSummary("People of your subtree (administrators)");
        people.MapGet("/{userName}", ManagePeople.Get).WithName("GetPerson").WithSummary("One person of your subtree (administrators)");
        people.MapPost("/", ManagePeople.Create).WithName("CreatePerson").WithSummary("Add a person with a unit and roles");
        people.MapPatch("/{userName}", ManagePeople.Change).WithName("ChangePerson").WithSummary("Change a person's name, unit or roles");
        people.MapPost("/{userName}/unlock", ManagePeople.Unlock).WithName("UnlockPerson").WithSummary("Lift a lockout after wrong passwords");
        people.MapPost("/{userName}/password", ManagePeople.ResetPassword).WithName("ResetPassword").WithSummary("Give a person a new generated password");
        people.MapPost("/{userName}/disable", ManagePeople.Disable).WithName("DisablePerson").WithSummary("Stop a person signing in; their tokens stop working");
        return routes;
    }
}
