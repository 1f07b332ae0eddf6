using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Closeloop.Server.Presets;
using Closeloop.Server.Tests.Infrastructure;

namespace Closeloop.Server.Tests.Calendar;

public sealed class UnitCalendarTests(Databases databases)
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "presets");

    [Fact]
    public async Task A_unit_with_its_own_office_hours_counts_working_hours_in_them()
    {
        var server = await databases.SharedAsync(Databases.Sqlite);

        // The business hall serves through lunch; the county company's offices close 12:00–13:30.
        var hall = await DueAsync(server, "orgUnit=js-nj-jn-hall1");
        var county = await DueAsync(server, "orgUnit=js-nj-jn");

        Assert.Equal("2026-03-02T13:30:00+08:00", hall);
        Assert.Equal("2026-03-02T14:30:00+08:00", county);
    }

    [Fact]
    public void Units_inherit_their_calendar_and_a_hall_keeps_its_own_hours()
    {
        var rules = PresetLoader.Load(Root, "sgcc-95598", ["cn"]).Rulebook;

        Assert.Equal("cn", rules.RulesFor("js-nj-jn").Calendar);
        Assert.Null(rules.RulesFor("js-nj-jn").OfficeHours);
        Assert.Equal(TimeSpan.FromHours(9), rules.RulesFor("js-nj-jn-hall1").OfficeHours!.PerDay);
    }

    [Theory]
    [InlineData("calendar: cn  ", "calendar: mars", "preset.yaml: calendar: unknown calendar 'mars'")]
    public void A_preset_naming_an_unknown_calendar_is_refused(string original, string broken, string expected)
    {
        var files = Files();
        files[PresetLoader.PresetFile] = files[PresetLoader.PresetFile].Replace(original, broken, StringComparison.Ordinal);

        var error = Assert.Throws<PresetException>(() => PresetLoader.Parse("sgcc-95598", files, knownCalendars: ["cn"]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Office_hours_that_overlap_are_refused_with_the_units_path()
    {
        var files = Files();
        files[PresetLoader.OrgFile] = files[PresetLoader.OrgFile].Replace(
            "- { from: \"08:30\", to: \"17:30\" }", "- { from: \"08:30\", to: \"17:30\" }\n                        - { from: \"12:00\", to: \"13:00\" }", StringComparison.Ordinal);

        var error = Assert.Throws<PresetException>(() => PresetLoader.Parse("sgcc-95598", files, knownCalendars: ["cn"]));

        Assert.Matches(@"org\.yaml: units\[0\](\.children\[\d+\])+\.rules\.officeHours: office periods must be in order and must not overlap", error.Message);
    }

    [Fact]
    public async Task Asking_for_a_unit_and_a_calendar_at_once_or_an_unknown_unit_is_refused()
    {
        var server = await databases.SharedAsync(Databases.Sqlite);

        using var both = await server.Client.GetAsync("/api/calendar/deadline?start=2026-03-02T12:30&amount=1&unit=workingHours&orgUnit=js-nj-jn&calendar=cn");
        using var unknown = await server.Client.GetAsync("/api/calendar/deadline?start=2026-03-02T12:30&amount=1&unit=workingHours&orgUnit=atlantis");

        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.True((await TestServer.ReadJsonAsync(unknown)).GetProperty("errors").TryGetProperty("orgUnit", out _));
    }

    private static async Task<string> DueAsync(TestServer server, string unit) =>
        (await server.Client.GetFromJsonAsync<JsonElement>($"/api/calendar/deadline?start=2026-03-02T12:30&amount=1&unit=workingHours&{unit}")).Str("due");

    private static Dictionary<string, string> Files() => new()
    {
        [PresetLoader.PresetFile] = File.ReadAllText(Path.Combine(Root, "sgcc-95598", PresetLoader.PresetFile)),
        [PresetLoader.OrgFile] = File.ReadAllText(Path.Combine(Root, "sgcc-95598", PresetLoader.OrgFile)),
    };
}
