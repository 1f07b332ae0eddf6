using System.Security.Claims;
using Closeloop.People;
using Closeloop.Presets;

namespace Closeloop.Server.People;

/// <summary>How a signed-in person travels with a request: the claims both sign-in schemes issue, and the way back.</summary>
public static class Claims
{
    public const string Unit = "closeloop:unit";
    public const string DisplayName = "closeloop:displayName";
    public const string UserId = "closeloop:userId";

    public static ClaimsPrincipal Principal(UserAccount user, string scheme) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, user.UserName),
                new Claim(UserId, user.Id.ToString()),
                new Claim(DisplayName, user.DisplayName),
                new Claim(Unit, user.Unit),
                .. user.RoleList.Select(r => new Claim(ClaimTypes.Role, r)),
            ],
            scheme));

    /// <summary>What the signed-in person may do under <paramref name="rulebook"/>.</summary>
    public static Authority Authority(this HttpContext http, Rulebook rulebook)
    {
        if (http.Items[typeof(Authority)] is Authority known)
            return known;
        var user = http.User;
        var person = new Person(
            user.Identity!.Name!,
            user.FindFirstValue(DisplayName) ?? "",
            user.FindFirstValue(Unit)!,
            [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)]);
        var authority = new Authority(person, rulebook);
        http.Items[typeof(Authority)] = authority;
        return authority;
    }

    public static Guid UserIdOf(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(UserId)!);
}
