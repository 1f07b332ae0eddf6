using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;

namespace Closeloop.Server.Tests.Calendar;

public sealed class ExplainDeadlineApiTests(Databases databases)
{
    [Fact]
    public async Task The_deadline_endpoint_answers_the_due_instant_and_the_days_it_skipped()
    {
        var server = await databases.SharedAsync(Databases.Sqlite);

        var answer = await server.Client.GetFromJsonAsync<JsonElement>("/api/calendar/deadline?start=2026-02-13T10:00&amount=4&unit=workingDays");

        Assert.Equal("2026-02-27T00:00:00+08:00", answer.Str("due"));
        Assert.Equal("2026年2月26日 24:00", answer.GetProperty("dueText").Str("zh"));
        var steps = answer.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(9, steps.Count(s => s.Str("kind") == "holiday"));
        Assert.Equal("adjustedWorkingDay", steps.Single(s => s.Str("date") == "2026-02-14").Str("kind"));
    }

    [Theory]
    [InlineData("start=2026-02-13T10:00&amount=4&unit=fortnights", "unit")]
    [InlineData("start=2026-02-13T10:00&unit=workingDays", "amount")]
    [InlineData("start=2026-02-13T10:00&amount=0&unit=workingDays", "amount")]
    [InlineData("start=next+tuesday&amount=4&unit=workingDays", "start")]
    [InlineData("amount=4&unit=workingDays", "start")]
    [InlineData("start=2026-02-13T10:00&amount=4&unit=workingDays&calendar=mars", "calendar")]
    [InlineData("start=2026-02-13T10:00&amount=four&unit=workingDays", "amount")]
    public async Task A_bad_question_answers_400_naming_the_parameter(string query, string field)
    {
        var server = await databases.SharedAsync(Databases.Sqlite);

        using var response = await server.Client.GetAsync($"/api/calendar/deadline?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await TestServer.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _), query);
    }

    [Fact]
    public async Task A_deadline_past_the_loaded_years_answers_422_naming_the_last_loaded_day()
    {
        var server = await databases.SharedAsync(Databases.Sqlite);

        using var response = await server.Client.GetAsync("/api/calendar/deadline?start=2026-12-30T10:00&amount=4&unit=workingDays");
        var problem = await TestServer.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("2026-12-31", problem.Str("lastLoaded"));
    }

    [Fact]
    public async Task The_calendars_list_names_the_notices_they_hold()
    {
        var server = await databases.SharedAsync(Databases.Sqlite);

        var calendars = await server.Client.GetFromJsonAsync<JsonElement>("/api/calendar");

        var cn = Assert.Single(calendars.EnumerateArray());
        Assert.Equal("2026-12-31", cn.Str("lastDay"));
        Assert.Contains(cn.GetProperty("notices").EnumerateArray(), n => n.GetString()!.Contains("国办发明电〔2025〕7号", StringComparison.Ordinal));
    }
}
