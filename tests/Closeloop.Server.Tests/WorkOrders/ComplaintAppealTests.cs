using System.Net;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Closeloop.Server.Tests.WorkOrders;

/// <summary>
/// A 95598 complaint judged and appealed over HTTP on both databases: the finding holds a county
/// responsible, the county appeals within 3 natural days of the closing, the national centre decides
/// within 3 working days, and a final appeal goes to headquarters' marketing department.
/// </summary>
public sealed class ComplaintAppealTests(Databases databases)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(1);

    // Friday 6 March 2026, 09:00 in Beijing: the complaint is judged and closed that morning.
    private static readonly DateTimeOffset Friday = new(2026, 3, 6, 9, 0, 0, Beijing);

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_unit_found_responsible_appeals_within_the_window_and_the_centre_decides_in_three_working_days(string database)
    {
        var time = new FakeTimeProvider(Friday.ToUniversalTime());
        await using var server = await databases.StartFreshAsync(database, configure: Background.OnFakeTime(time));
        var county = await server.SignInAsync("county.reviewer", "js-nj-jn", "reviewer");
        var countyHandler = await server.SignInAsync("county.handler", "js-nj-jn", "handler");
        var otherCounty = await server.SignInAsync("other.reviewer", "js-nj-ls", "reviewer");
        var centreJudge = await server.SignInAsync("centre.appeal.judge", "sgcc-csc", "appealJudge");
        var id = await JudgedAsync(server, time, "js-nj-jn");

        var judged = await server.GetOrderAsync(id);
        Assert.Equal(("archived", "responsible", "js-nj-jn", "important"), (judged.Str("status"), judged.Str("finding"), judged.Str("findingUnit"), judged.Str("grade")));
        // Closed on Friday: three natural days not counting Friday, to 24:00 on Monday.
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 0, 0, 0, Beijing), judged.GetProperty("windows").GetProperty("appeal").GetDateTimeOffset());

        using (var notFound = await otherCounty.ActAsync(id, "appeal", new { reason = "不是我们的" }))
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        using (var notItsStep = await countyHandler.ActAsync(id, "appeal", new { reason = "不服" }))
            Assert.Equal(HttpStatusCode.Forbidden, notItsStep.StatusCode);
        using (var noReason = await county.ActAsync(id, "appeal", new { }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.True((await TestServer.ReadJsonAsync(noReason)).GetProperty("errors").TryGetProperty("reason", out _));
        }

        // Monday 10:00: filed in time, the order goes to the national centre and is open again.
        time.SetUtcNow(new DateTimeOffset(2026, 3, 9, 10, 0, 0, Beijing).ToUniversalTime());
        var appealed = await county.ActOkAsync(id, "appeal", new { reason = "停电系上级电网故障所致，附调度记录。" });
        Assert.Equal(("appealed", "sgcc-csc"), (appealed.Str("status"), appealed.Str("responsibleUnit")));
        Assert.Equal(JsonValueKind.Null, appealed.GetProperty("closedAt").ValueKind);
        var decision = Clock(appealed, "appealDecision");
        Assert.Equal(("running", new DateTimeOffset(2026, 3, 13, 0, 0, 0, Beijing)), (decision.Str("state"), decision.GetProperty("due").GetDateTimeOffset()));
        Assert.Contains(await QueueOf(centreJudge), number => number == appealed.Str("number"));

        time.Advance(TimeSpan.FromDays(1));
        var decided = await centreJudge.ActOkAsync(id, "decideAppeal", new { comment = "经核实为上级电网故障，改判无责。", finding = "forceMajeure" });

        Assert.Equal(("appealDecided", "forceMajeure", "important"), (decided.Str("status"), decided.Str("finding"), decided.Str("grade")));
        Assert.Equal(JsonValueKind.Null, decided.GetProperty("findingUnit").ValueKind);
        Assert.Equal(time.GetUtcNow(), decided.GetProperty("closedAt").GetDateTimeOffset());
        Assert.Equal("met", Clock(decided, "appealDecision").Str("state"));
        var history = (await server.GetOrderAsync(id)).GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(
            ["callback", "judge", "appeal", "decideAppeal"],
            history.Skip(history.Count - 4).Select(e => e.Str("action")));
        var change = history[^1].GetProperty("finding");
        Assert.Equal(("forceMajeure", JsonValueKind.Null), (change.Str("finding"), change.GetProperty("unit").ValueKind));
        Assert.Equal(("responsible", "js-nj-jn"), (history[^3].GetProperty("finding").Str("finding"), history[^3].GetProperty("finding").Str("unit")));

        // No unit is held responsible any more: there is no one to appeal further.
        using var nothingToAppeal = await county.ActAsync(id, "finalAppeal", new { reason = "再诉" });
        Assert.Equal(HttpStatusCode.Conflict, nothingToAppeal.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_appeal_after_three_natural_days_of_the_closing_is_refused_and_writes_nothing(string database)
    {
        var time = new FakeTimeProvider(Friday.ToUniversalTime());
        await using var server = await databases.StartFreshAsync(database, configure: Background.OnFakeTime(time));
        var county = await server.SignInAsync("county.reviewer", "js-nj-jn", "reviewer");
        var id = await JudgedAsync(server, time, "js-nj-jn");
        var closed = await server.GetOrderAsync(id);

        time.SetUtcNow(new DateTimeOffset(2026, 3, 10, 0, 0, 1, Beijing).ToUniversalTime());
        using var late = await county.ActAsync(id, "appeal", new { reason = "迟到的申诉" });

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var problem = await TestServer.ReadJsonAsync(late);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 0, 0, 0, Beijing), problem.GetProperty("windowShutAt").GetDateTimeOffset());
        var after = await server.GetOrderAsync(id);
        Assert.Equal((closed.GetProperty("version").GetInt32(), "archived"), (after.GetProperty("version").GetInt32(), after.Str("status")));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_final_appeal_goes_to_headquarters_marketing_which_alone_decides_it(string database)
    {
        var time = new FakeTimeProvider(Friday.ToUniversalTime());
        await using var server = await databases.StartFreshAsync(database, configure: Background.OnFakeTime(time));
        var county = await server.SignInAsync("county.reviewer", "js-nj-jn", "reviewer");
        var centreJudge = await server.SignInAsync("centre.appeal.judge", "sgcc-csc", "appealJudge");
        var headquarters = await server.SignInAsync("hq.appeal.judge", "sgcc-mkt", "appealJudge");
        var id = await JudgedAsync(server, time, "js-nj-jn");
        time.Advance(Step);
        await county.ActOkAsync(id, "appeal", new { reason = "分级过高" });
        time.Advance(Step);
        var kept = await centreJudge.ActOkAsync(id, "decideAppeal", new { comment = "维持有责，改为一般。", grade = "general" });
        Assert.Equal(("responsible", "js-nj-jn", "general"), (kept.Str("finding"), kept.Str("findingUnit"), kept.Str("grade")));

        time.Advance(Step);
        var appealed = await county.ActOkAsync(id, "finalAppeal", new { reason = "仍不服，附现场录像。" });
        Assert.Equal(("finalAppealed", "sgcc-mkt"), (appealed.Str("status"), appealed.Str("responsibleUnit")));
        Assert.Equal("running", Clock(appealed, "finalAppealDecision").Str("state"));
        using (var notTheCentres = await centreJudge.ActAsync(id, "decideFinalAppeal", new { comment = "x" }))
            Assert.Equal(HttpStatusCode.Forbidden, notTheCentres.StatusCode);

        time.Advance(Step);
        var final = await headquarters.ActOkAsync(id, "decideFinalAppeal", new { comment = "责任在县公司营销部。", findingUnit = "js-nj-jn-mkt" });

        Assert.Equal(("finalDecided", "responsible", "js-nj-jn-mkt"), (final.Str("status"), final.Str("finding"), final.Str("findingUnit")));
        Assert.Empty(final.GetProperty("allowedActions").EnumerateArray());
        Assert.Equal("met", Clock(final, "finalAppealDecision").Str("state"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_finding_without_the_unit_responsible_or_with_a_unit_for_no_responsibility_is_refused_naming_the_field(string database)
    {
        var time = new FakeTimeProvider(Friday.ToUniversalTime());
        await using var server = await databases.StartFreshAsync(database, configure: Background.OnFakeTime(time));
        var id = await CalledBackAsync(server, time);

        using var noUnit = await server.ActAsync(id, "judge", new { comment = "有责", finding = "responsible" });
        using var unitForNone = await server.ActAsync(id, "judge", new { comment = "无责", finding = "customerFault", findingUnit = "js-nj-jn" });
        using var unknown = await server.ActAsync(id, "judge", new { comment = "?", finding = "blameless" });

        Assert.Equal("required", await FieldProblem(noUnit, "findingUnit"));
        Assert.Equal("holdsNoUnit", await FieldProblem(unitForNone, "findingUnit"));
        Assert.Equal("oneOf", await FieldProblem(unknown, "finding"));
        Assert.Equal("calledBack", (await server.GetOrderAsync(id)).Str("status"));
    }

    private static async Task<string> CalledBackAsync(TestServer server, FakeTimeProvider time)
    {
        var id = (await server.CreateAsync(Api.Complaint("抄表员态度恶劣"))).Str("id");
        foreach (var (action, body) in Api.ComplaintToCallback)
        {
            time.Advance(Step);
            await server.ActOkAsync(id, action, body);
        }
        return id;
    }

    private static async Task<string> JudgedAsync(TestServer server, FakeTimeProvider time, string responsible)
    {
        var id = await CalledBackAsync(server, time);
        var judge = await server.SignInAsync("centre.complaint.judge", "sgcc-csc", "complaintJudge");
        time.Advance(Step);
        await judge.ActOkAsync(id, "judge", new { comment = "抄表员服务态度问题属实。", grade = "important", finding = "responsible", findingUnit = responsible });
        return id;
    }

    private static JsonElement Clock(JsonElement order, string policy) =>
        Assert.Single(order.GetProperty("clocks").EnumerateArray(), c => c.Str("policy") == policy);

    private static async Task<List<string>> QueueOf(HttpClient person)
    {
        var queue = await TestServer.ReadJsonAsync(await person.GetAsync(new Uri("/api/queue", UriKind.Relative)));
        return [.. queue.GetProperty("items").EnumerateArray().Select(o => o.Str("number"))];
    }

    private static async Task<string> FieldProblem(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await TestServer.ReadJsonAsync(response);
        return problem.GetProperty("problems").GetProperty(field)[0].Str("code");
    }
}
