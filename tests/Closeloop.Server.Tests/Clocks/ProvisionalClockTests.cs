using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Closeloop.Server.Tests.Clocks;

/// <summary>
/// A clock whose due lies past the holiday notices loaded: the hotline keeps accepting, the clock is
/// flagged provisional (weekends only), and it is counted again once the next notice is loaded.
/// </summary>
public sealed class ProvisionalClockTests(Databases databases) : IDisposable
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    // A copy of the shipped presets, to add next year's notice to as an operator would.
    private readonly string _presets = PresetsCopy.Make();

    [Fact]
    public void A_working_day_clock_running_into_a_year_without_a_notice_counts_weekends_only_and_says_so()
    {
        // Monday 28 December 2026: the fourth working day after it falls in 2027.
        var consultation = new OrderDriver("sgcc-95598", "consultation", null, new DateTimeOffset(2026, 12, 28, 10, 0, 0, Beijing));

        var handling = consultation.Clock("consultationHandling");
        Assert.True(handling.Provisional);
        Assert.Equal(new DateTimeOffset(2027, 1, 2, 0, 0, 0, Beijing), handling.Due);
        Assert.False(consultation.Clock("consultationDispatch").Provisional);
    }

    [Fact]
    public async Task Loading_next_years_notice_counts_provisional_clocks_again_at_start_up()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 28, 10, 0, 0, Beijing).ToUniversalTime());
        var connectionString = await databases.NewDatabaseAsync(Databases.Sqlite);
        string number;
        await using (var before = await StartAsync(connectionString, time))
        {
            var created = await before.CreateAsync(Api.Consultation("年底咨询"));
            number = created.Str("number");
            var handling = Clock(created, "consultationHandling");
            Assert.True(handling.GetProperty("provisional").GetBoolean());
            Assert.Equal("2027-01-02T00:00:00+08:00", handling.Str("due"));
        }

        // The 2027 notice comes out (New Year's Day 1–3 January, in this test's notice) and is loaded.
        await File.WriteAllTextAsync(Path.Combine(_presets, "calendars", "cn-2027.yaml"), """
            year: 2027
            notice: test notice for 2027
            holidays:
              - { name: { zh: 元旦, en: New Year's Day }, from: 2027-01-01, to: 2027-01-03 }
            workingWeekends: []
            """);
        var index = Path.Combine(_presets, "calendars", "cn.yaml");
        await File.WriteAllTextAsync(index, (await File.ReadAllTextAsync(index)).Replace("cn-2026.yaml]", "cn-2026.yaml, cn-2027.yaml]", StringComparison.Ordinal));
        await using var after = await StartAsync(connectionString, time);

        var order = await after.GetOrderAsync(number);
        var recounted = Clock(order, "consultationHandling");
        Assert.False(recounted.GetProperty("provisional").GetBoolean());
        Assert.Equal("2027-01-05T00:00:00+08:00", recounted.Str("due"));
        Assert.Contains(order.GetProperty("history").EnumerateArray(), e => e.Str("action") == "clockRecounted");
    }

    public void Dispose() => Directory.Delete(_presets, recursive: true);

    private Task<TestServer> StartAsync(string connectionString, FakeTimeProvider time) =>
        TestServer.StartAsync(Databases.Sqlite, connectionString, configure: Background.OnFakeTime(time), presetsDir: _presets);

    private static JsonElement Clock(JsonElement order, string policy) =>
        order.GetProperty("clocks").EnumerateArray().Single(c => c.Str("policy") == policy);
}
