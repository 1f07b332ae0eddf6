using System.Net;
using System.Text.Json;
using Closeloop.Server.Tests.Infrastructure;

namespace Closeloop.Server.Tests.Org;

/// <summary>The org tree exported and imported as org.yaml and as CSV.</summary>
public sealed class OrgImportExportTests(Databases databases)
{
    private const string Csv = "text/csv";
    private const string Yaml = "application/yaml";

    public static TheoryData<string, string> DatabasesAndFormats =>
        [(Databases.Sqlite, "yaml"), (Databases.Sqlite, "csv"), (Databases.Postgres, "yaml"), (Databases.Postgres, "csv")];

    [Theory]
    [MemberData(nameof(DatabasesAndFormats))]
    public async Task Exporting_and_importing_the_tree_again_changes_nothing(string database, string format)
    {
        await using var server = await databases.StartFreshAsync(database);
        // Once edited, the tree is written by the server rather than by hand: it must round-trip too.
        await server.OrgOkAsync(HttpMethod.Post, "/units/js-nj-jn/move", OrgAdmin.Change(new { parent = "js-sz" }));
        var etag = await server.ETagAsync();
        var exported = await server.Client.GetStringAsync($"/api/org/export?format={format}");
        var stored = await server.StoredAsync();

        var imported = await server.OrgOkAsync(HttpMethod.Post, $"/import?format={format}&reason=round%20trip", content: OrgAdmin.File(exported, format == "csv" ? Csv : Yaml));

        Assert.False(imported.GetProperty("changed").GetBoolean(), imported.ToString());
        Assert.Equal(etag, await server.ETagAsync());
        Assert.Equal(stored, await server.StoredAsync());
        Assert.Equal(exported, await server.Client.GetStringAsync($"/api/org/export?format={format}"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_dry_run_import_answers_the_diff_and_stores_nothing(string database)
    {
        await using var server = await databases.StartFreshAsync(database);
        var rows = (await server.Client.GetStringAsync("/api/org/export?format=csv")).TrimEnd().Split("\r\n").ToList();
        rows.RemoveAll(r => r.StartsWith("js-nj-ls-crew1,", StringComparison.Ordinal));
        rows[rows.FindIndex(r => r.StartsWith("js-nj-jn,", StringComparison.Ordinal))] =
            "js-nj-jn,js-sz,county,国网南京市江宁区供电公司,State Grid Nanjing Jiangning Power Supply Company,320115,,,repairArrival=90,,";
        rows[rows.FindIndex(r => r.StartsWith("js-sz-ks-hall1,", StringComparison.Ordinal))] =
            "js-sz-ks-hall1,js-sz-ks,businessHall,昆山供电营业厅,Kunshan Business Hall,,,08:30-17:30,,,";
        rows.Add("js-nj-pk,js-nj,county,国网南京市浦口区供电公司,State Grid Nanjing Pukou Power Supply Company,320111,,,repairArrival=90,,");
        var file = string.Join("\r\n", rows);
        var stored = await server.StoredAsync();

        var dryRun = await server.OrgOkAsync(HttpMethod.Post, "/import?format=csv&dryRun=true", content: OrgAdmin.File(file, Csv));

        var diff = dryRun.GetProperty("diff");
        Assert.False(dryRun.GetProperty("changed").GetBoolean());
        Assert.Equal(["js-nj-pk"], diff.GetProperty("added").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["js-nj-ls-crew1"], diff.GetProperty("removed").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["js-nj-jn"], Codes(diff.GetProperty("moved")));
        Assert.Equal(["js-sz-ks-hall1"], Codes(diff.GetProperty("changed")));
        Assert.Equal(["name", "rules"], diff.GetProperty("changed")[0].GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(stored, await server.StoredAsync());
        using (var gone = await server.Client.GetAsync("/api/org/units/js-nj-pk"))
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        var imported = await server.OrgOkAsync(HttpMethod.Post, "/import?format=csv&reason=2026%20reorganisation", content: OrgAdmin.File(file, Csv));

        Assert.True(imported.GetProperty("changed").GetBoolean());
        Assert.Equal(diff.GetRawText(), imported.GetProperty("diff").GetRawText());
        Assert.Equal("js-sz", (await server.UnitAsync("js-nj-jn")).Str("parent"));
        Assert.Equal("js-nj", (await server.UnitAsync("js-nj-pk")).Str("parent"));
        var (tree, _) = await server.TreeAsync();
        Assert.Equal((imported.Str("ruleVersion"), "2026 reorganisation"), (tree.Str("ruleVersion"), tree.Str("reason")));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_import_that_removes_a_unit_with_open_orders_is_refused(string database)
    {
        await using var server = await databases.StartFreshAsync(database);
        var number = (await server.CreateAsync(Api.Consultation("咨询 " + Api.Marker()))).Str("number");
        await server.ActOkAsync(number, "dispatch", new { unit = "js-nj-ls-crew1", reason = "直派" });
        var file = string.Join("\r\n", (await server.Client.GetStringAsync("/api/org/export?format=csv")).Split("\r\n").Where(r => !r.StartsWith("js-nj-ls-crew1,", StringComparison.Ordinal)));
        var stored = await server.StoredAsync();

        using var response = await server.OrgAsync(HttpMethod.Post, "/import?format=csv&reason=merge", content: OrgAdmin.File(file, Csv));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(["js-nj-ls-crew1"], (await TestServer.ReadJsonAsync(response)).GetProperty("units").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(stored, await server.StoredAsync());
    }

    public static TheoryData<string, string, string, string> BadFiles => new()
    {
        // database, format, file, what the answer must say
        { Databases.Sqlite, "yaml", "units:\n  - code: sgcc\n    kind: headquarters\n    name: { zh: 国网, en: SGCC }\n    colour: red\n", "line 5, column 5: unknown key 'colour'" },
        { Databases.Postgres, "yaml", "units:\n  - code: sgcc\n    kind: headquarters\n    name: { zh: 国网, en: SGCC }\n    rules:\n      calendar: mars\n", "line 6, column 17: units[0].rules.calendar: unknown calendar 'mars'" },
        { Databases.Sqlite, "yaml", "units:\n  - code: sgcc\n    kind: headquarters\n    name: { zh: 国网, en: SGCC }\n    children:\n      - code: sgcc\n        kind: crew\n        name: { zh: 班, en: Crew }\n", "line 6, column 15: units[0].children[0].code: 'sgcc' appears twice" },
        { Databases.Postgres, "yaml", "units: [\n", "line 2, column 1" },
        { Databases.Sqlite, "yaml", "units:\n  - code: sgcc\n    kind: headquarters\n    name: { zh: 国网, en: SGCC }\n", "intakeUnit: unknown org unit 'sgcc-csc'" },
        { Databases.Postgres, "csv", "code,parent,kind,name_zh,name_en\nsgcc,,headquarters,国网,SGCC\nsgcc-csc,sgcc,serviceCentre,客服中心,Service centre\nx1,mars,crew,班,Crew\n", "row 4, column parent: unknown org unit 'mars'" },
        { Databases.Sqlite, "csv", "code,parent,kind,name_zh,name_en,calendar\nsgcc,,headquarters,国网,SGCC,\nsgcc-csc,sgcc,serviceCentre,客服中心,Service centre,mars\n", "row 3, column calendar: unknown calendar 'mars'" },
        { Databases.Postgres, "csv", "code,parent,kind,name_zh,name_en,clocks\nsgcc,,headquarters,国网,SGCC,repairArrival:90\nsgcc-csc,sgcc,serviceCentre,客服中心,Service centre,\n", "row 2, column clocks: 'repairArrival:90' is not a clock limit" },
        { Databases.Sqlite, "csv", "code,parent,kind,name_zh,name_en,office_hours\nsgcc,,headquarters,国网,SGCC,\nsgcc-csc,sgcc,serviceCentre,客服中心,Service centre,17:00-08:00\n", "row 3, column office_hours: office period 17:00–08:00 ends before it starts" },
        { Databases.Postgres, "csv", "code,parent,kind,name_zh,name_en\nsgcc,sgcc-csc,headquarters,国网,SGCC\nsgcc-csc,sgcc,serviceCentre,客服中心,Service centre\n", "row 2, column parent: 'sgcc-csc' lies below 'sgcc'" },
        { Databases.Sqlite, "csv", "code,parent,kind,name_zh\nsgcc,,headquarters,国网\n", "row 1: the column 'name_en' is missing" },
        { Databases.Postgres, "csv", "code,parent,kind,name_zh,name_en\nsgcc,,village,国网,SGCC\nsgcc-csc,sgcc,serviceCentre,客服中心,Service centre\n", "row 2, column kind: unknown kind 'village'" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_refused_naming_the_line_or_row_and_column(string database, string format, string file, string expected)
    {
        var server = await databases.SharedAsync(database);
        var stored = await server.StoredAsync();

        using var dryRun = await server.OrgAsync(HttpMethod.Post, $"/import?format={format}&dryRun=true", content: OrgAdmin.File(file, format == "csv" ? Csv : Yaml), ifMatch: "");
        using var real = await server.OrgAsync(HttpMethod.Post, $"/import?format={format}&reason=test", content: OrgAdmin.File(file, format == "csv" ? Csv : Yaml));

        foreach (var response in new[] { dryRun, real })
        {
            var problem = await TestServer.ReadJsonAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"answered {(int)response.StatusCode}: {problem}");
            var messages = problem.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString()!)).ToList();
            Assert.True(messages.Any(m => m.Contains(expected, StringComparison.Ordinal)), $"expected '{expected}' in {problem}");
        }
        Assert.Equal(stored, await server.StoredAsync());
    }

    private static List<string> Codes(JsonElement list) => [.. list.EnumerateArray().Select(e => e.Str("code"))];
}
