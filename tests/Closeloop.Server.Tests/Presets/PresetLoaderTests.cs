using Closeloop.Server.Presets;

namespace Closeloop.Server.Tests.Presets;

public sealed class PresetLoaderTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "presets");

    [Fact]
    public void The_national_95598_preset_has_the_nine_business_types_and_the_demo_org_tree()
    {
        var rules = PresetLoader.Load(Root, "sgcc-95598").Rulebook;

        Assert.Equal(
            ["informationQuery", "consultation", "faultRepair", "complaint", "report", "suggestion", "opinion", "praise", "serviceRequest"],
            rules.Types.Keys);
        Assert.Equal(["special", "major", "important", "general"], rules.Types["complaint"].Grades.Select(g => g.Code));
        Assert.Contains(rules.Types["serviceRequest"].Subtypes, s => s.Label.Zh == "业扩报装");
        Assert.Equal("sgcc-csc", rules.IntakeUnit);
        Assert.Equal(["sgcc", "js", "js-nj", "js-nj-jn"], rules.Org.PathOf("js-nj-jn"));
        Assert.Equal(2, rules.Org.Units.Count(u => u.Kind == Closeloop.Org.OrgUnitKind.Province));
        Assert.Equal(8, rules.Org.Units.Count(u => u.Kind == Closeloop.Org.OrgUnitKind.County));
        Assert.Equal("archived", rules.RulesFor("sgcc-csc").LifecycleOf("praise").Initial);
    }

    [Fact]
    public void The_gas_preset_has_the_gas_companys_types_and_departments()
    {
        var rules = PresetLoader.Load(Root, "city-gas").Rulebook;

        foreach (var type in new[] { "repair", "replacement", "safetyInspection", "gasSales", "scatteredConnection", "singleProject", "vehicleGas" })
            Assert.Contains(type, rules.Types.Keys);
        Assert.Contains(rules.Org.Units, u => u.Name.Zh == "客服部");
        Assert.Contains(rules.Org.Units, u => u.Name.Zh == "服务办公室");
        Assert.StartsWith("RQ", rules.RulesFor(rules.IntakeUnit).NumberFormat.Format(new DateOnly(2026, 11, 23), 7));
    }

    [Fact]
    public void A_unit_override_applies_to_its_subtree_and_not_beside_it()
    {
        var rules = PresetLoader.Load(Root, "sgcc-95598").Rulebook;

        Assert.Equal(1500, rules.RulesFor("zj-hz-xs").ContentMaxLength);
        Assert.Equal(2000, rules.RulesFor("js-nj-jn").ContentMaxLength);
    }

    [Fact]
    public void The_rule_version_changes_when_any_rule_changes()
    {
        var files = Files("sgcc-95598");
        var original = PresetLoader.Parse("sgcc-95598", files).Rulebook.RuleVersion;
        files[PresetLoader.PresetFile] = files[PresetLoader.PresetFile].Replace("contentMaxLength: 2000", "contentMaxLength: 1800", StringComparison.Ordinal);

        Assert.NotEqual(original, PresetLoader.Parse("sgcc-95598", files).Rulebook.RuleVersion);
    }

    [Theory]
    [InlineData("lifecycle: closed-loop", "lifecycle: closed-lop", "preset.yaml: types[0].lifecycle: unknown lifecycle 'closed-lop'")]
    [InlineData("{ action: receive, from: dispatched, to: inProgress }", "{ action: receive, from: dispatched, to: nowhere }", "lifecycles.closed-loop.transitions[2].to: unknown status 'nowhere'")]
    [InlineData("numberFormat: \"{date:yyyyMMdd}{seq:000000}\"", "numberFormat: \"{seq:000000}\"", "preset.yaml: workOrders.numberFormat: number format")]
    [InlineData("timeZone: Asia/Shanghai", "timeZone: Mars/Olympus", "preset.yaml: timeZone: unknown time zone 'Mars/Olympus'")]
    [InlineData("intakeUnit: sgcc-csc", "intakeUnit: sgcc-nowhere", "preset.yaml: intakeUnit: unknown org unit 'sgcc-nowhere'")]
    [InlineData("timeZone: Asia/Shanghai", "timeZone: Asia/Shanghai\ncolour: blue", "preset.yaml: line 10, column 1: unknown key 'colour'")]
    [InlineData("stop: [dispatch, resolve]", "stop: [dispatch, teleport]", "preset.yaml: clocks[0].stop[1]: unknown action 'teleport'")]
    [InlineData("limit: { amount: 20, unit: minutes }", "limit: { amount: 20, unit: fortnights }", "preset.yaml: clocks[0].limit.unit: unknown unit 'fortnights'")]
    [InlineData("warn: { before: 5 }", "warn: { before: 25 }", "preset.yaml: clocks[0].warn.before: must be at least 1 and less than the limit (20)")]
    [InlineData("amounts: { lowVoltage: 7,", "amounts: { lowVolt: 7,", "preset.yaml: clocks[13].limit.amounts.lowVolt: unknown customerClass 'lowVolt'")]
    [InlineData("breach: [flag, escalate, notify]", "breach: [flag, shout]", "preset.yaml: clocks[0].breach[1]: unknown breach action 'shout'")]
    [InlineData("\n    resume: [resume]", "", "preset.yaml: clocks[1]: a clock that pauses needs an action that resumes it")]
    [InlineData("may: [readOrders, acceptOrders, revealCustomer]", "may: [readOrders, rewriteHistory]", "preset.yaml: roles[0].may[1]: unknown right 'rewriteHistory'")]
    [InlineData("actions: [resolve, dispatch, reply, callback, archive]", "actions: [resolve, teleport]", "preset.yaml: roles[0].actions[1]: unknown action 'teleport'")]
    [InlineData("  - code: dispatcher\n    zh: 派单员", "  - code: agent\n    zh: 派单员", "preset.yaml: roles[1].code: 'agent' appears twice")]
    public void A_broken_preset_is_refused_with_file_path_and_problem(string original, string broken, string expected)
    {
        var files = Files("sgcc-95598");
        Assert.Contains(original, files[PresetLoader.PresetFile], StringComparison.Ordinal);
        files[PresetLoader.PresetFile] = files[PresetLoader.PresetFile].Replace(original, broken, StringComparison.Ordinal);

        var error = Assert.Throws<PresetException>(() => PresetLoader.Parse("sgcc-95598", files));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("presets/sgcc-95598/", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("units: [js-csc, zj-csc]", "units: [js-csc, xx-csc]", "preset.yaml: routing[0].units[1]: unknown org unit 'xx-csc'")]
    [InlineData("units: [js-csc, zj-csc]", "units: [js-csc, sgcc-om]", "preset.yaml: routing[0].units[1]: 'sgcc-om' and the units above it have no area codes in org.yaml")]
    [InlineData("units: [js-csc, zj-csc]", "units: [js-csc]\n    areaCodes: [\"320000\"]", "preset.yaml: routing[0].areaCodes: a rule with 'units' takes each unit's area codes from org.yaml")]
    [InlineData("units: [js-csc, zj-csc]", "unit: js-csc\n    areaCodes: [\"3200\"]", "preset.yaml: routing[0].areaCodes[0]: '3200' is not a 6-digit area code")]
    [InlineData("at: sgcc-csc             # art. 17", "at: nowhere # art. 17", "preset.yaml: routing[0].at: unknown org unit 'nowhere'")]
    [InlineData("types: [faultRepair]\n    units", "types: [fault]\n    units", "preset.yaml: routing[1].types[0]: unknown business type 'fault'")]
    [InlineData("passUp: handled }\n      - { action: reject, from: handled, to: inProgress", "passUp: waiting }\n      - { action: reject, from: handled, to: inProgress", "preset.yaml: lifecycles.closed-loop.transitions[10].passUp: unknown status 'waiting'")]
    [InlineData("needs: [reason], backDown: true }", "needs: [reason], backDown: true, toSender: true }", "preset.yaml: lifecycles.closed-loop.transitions[11]: an action moves the order one way only; this row has toSender and backDown")]
    [InlineData("needs: [assignee] }", "needs: [assignee], withinSubtree: true }", "preset.yaml: lifecycles.closed-loop.transitions[6].withinSubtree: only an action that needs a unit can keep it within the subtree")]
    [InlineData("stopTo: [reviewed, resolved]", "stopTo: [reviewed, archived]", "preset.yaml: clocks[1].stopTo[1]: no transition of review, resolve leads to 'archived'")]
    [InlineData("startTo: reviewed        # 接到", "startTo: replied # 接到", "preset.yaml: clocks[2].startTo: no transition of 'review' leads to 'replied'")]
    public void A_broken_routing_rule_chain_row_or_clock_status_is_refused_with_file_path_and_problem(string original, string broken, string expected) =>
        A_broken_preset_is_refused_with_file_path_and_problem(original, broken, expected);

    [Theory]
    [InlineData("byFinding: true, window: { amount: 3, unit: naturalDays }, sendTo: sgcc-csc }", "byFinding: true, sendTo: sgcc-csc }", "preset.yaml: lifecycles.complaint.transitions[14].from: 'archived' is final: only a step with a window (e.g. an appeal's) may leave it")]
    [InlineData("{ action: decideAppeal, from: appealed, to: appealDecided, needs: [comment, grade, finding] }", "{ action: decideAppeal, from: appealed, to: appealDecided, needs: [comment], window: { amount: 3, unit: naturalDays } }", "preset.yaml: lifecycles.complaint.transitions[15].window: 'appealed' is not final: a window is for a step that reopens a closed order")]
    [InlineData("window: { amount: 3, unit: naturalDays }, sendTo: sgcc-mkt", "window: { amount: 3, unit: fortnights }, sendTo: sgcc-mkt", "preset.yaml: lifecycles.complaint.transitions[16].window.unit: unknown unit 'fortnights'")]
    [InlineData("window: { amount: 3, unit: naturalDays }, sendTo: sgcc-mkt", "window: { amount: 3, unit: naturalDays, by: grade }, sendTo: sgcc-mkt", "preset.yaml: lifecycles.complaint.transitions[16].window: a window is one amount and a unit")]
    [InlineData("sendTo: sgcc-mkt }", "sendTo: sgcc-nowhere }", "preset.yaml: lifecycles.complaint.transitions[16].sendTo: unknown org unit 'sgcc-nowhere'")]
    [InlineData("{ code: responsible, zh: 有责, en: Responsible, responsible: true }", "{ code: responsible, zh: 有责, en: Responsible }", "preset.yaml: types[3].findings: at least one finding must hold a unit responsible")]
    [InlineData("en: Report (whistle-blowing)\n    lifecycle: closed-loop", "en: Report (whistle-blowing)\n    lifecycle: complaint", "preset.yaml: types[4].findings: lifecycle 'complaint' records responsibility findings: list the findings its judges may record")]
    public void A_broken_finding_or_appeal_step_is_refused_with_file_path_and_problem(string original, string broken, string expected) =>
        A_broken_preset_is_refused_with_file_path_and_problem(original, broken, expected);

    [Theory]
    [InlineData("type: faultRepair\n    grade: urgent\n    keywords", "type: faultRepair\n    grade: critical\n    keywords", "preset.yaml: grading[0].grade: 'critical' is not a grade of faultRepair (its grades: urgent, general)")]
    [InlineData("type: complaint\n    grade: special", "type: praise\n    grade: special", "preset.yaml: grading[4].grade: 'special' is not a grade of praise (its grades: )")]
    [InlineData("customerClasses: [highVoltageDual, highVoltageSingle]\n  - code: repairWideOutage", "customerClasses: [royalty]\n  - code: repairWideOutage", "preset.yaml: grading[1].customerClasses[0]: unknown customer class 'royalty' (known: resident, lowVoltage, highVoltageSingle, highVoltageDual)")]
    [InlineData("type: complaint\n    grade: general", "type: gossip\n    grade: general", "preset.yaml: grading[7].type: unknown business type 'gossip' (known: informationQuery, consultation, faultRepair, complaint, report, suggestion, opinion, praise, serviceRequest)")]
    public void A_broken_grading_criterion_is_refused_with_file_path_and_problem(string original, string broken, string expected) =>
        A_broken_preset_is_refused_with_file_path_and_problem(original, broken, expected);

    [Theory]
    [InlineData("faultRepair", "resident", "小区门口电线落地，有火花", "urgent", "repairHazard")]
    [InlineData("faultRepair", "highVoltageDual", "厂区停电", "urgent", "repairImportantCustomer")]
    [InlineData("faultRepair", "resident", "家里停电了", "general", "repairDefault")]
    [InlineData("complaint", "highVoltageSingle", "记者要来曝光，抄表员态度恶劣", "special", "complaintPublic")]
    [InlineData("complaint", "resident", "抄表员态度恶劣", "general", "complaintDefault")]
    public void The_national_grading_criteria_suggest_the_highest_grade_an_order_meets(string type, string customerClass, string content, string grade, string rule)
    {
        var rules = PresetLoader.Load(Root, "sgcc-95598").Rulebook;

        var suggestion = rules.Grading.Suggest(rules.Types[type], customerClass, content);

        Assert.Equal((grade, rule), (suggestion?.Grade.Code, suggestion?.Rule.Code));
    }

    [Fact]
    public void The_national_preset_routes_by_the_area_codes_of_its_org_tree()
    {
        var rules = PresetLoader.Load(Root, "sgcc-95598").Rulebook;

        var repair = rules.Routing.Rules.Where(r => r.Code == "repairToAreaOm").ToDictionary(r => r.Unit, r => string.Join(",", r.AreaCodes));
        Assert.Equal("320115", repair["js-nj-jn-om"]);
        Assert.Equal("320100", repair["js-nj-om"]);
        Assert.Equal("330000", string.Join(",", rules.Routing.Rules.Single(r => r.Unit == "zj-csc").AreaCodes));
    }

    [Fact]
    public void A_broken_org_tree_is_refused_with_the_units_path()
    {
        var files = Files("sgcc-95598");
        files[PresetLoader.OrgFile] = files[PresetLoader.OrgFile].Replace("kind: county", "kind: galaxy", StringComparison.Ordinal);

        var error = Assert.Throws<PresetException>(() => PresetLoader.Parse("sgcc-95598", files));

        Assert.Matches(@"org\.yaml: units\[0\](\.children\[\d+\])+\.kind: unknown kind 'galaxy'", error.Message);
    }

    [Fact]
    public void A_unit_may_tighten_a_clock_for_itself_but_not_loosen_it()
    {
        var files = Files("sgcc-95598");
        files[PresetLoader.OrgFile] = files[PresetLoader.OrgFile].Replace("repairArrival: { amount: 90 }", "repairArrival: { amount: 150 }", StringComparison.Ordinal);

        var error = Assert.Throws<PresetException>(() => PresetLoader.Parse("sgcc-95598", files));

        Assert.Matches(@"org\.yaml: units\[0\](\.children\[\d+\])+\.rules\.clocks\.repairArrival: a unit may only tighten a clock: 150 Minutes is looser than the 120 Minutes it inherits", error.Message);
    }

    [Fact]
    public void A_missing_preset_names_the_ones_that_exist()
    {
        var error = Assert.Throws<PresetException>(() => PresetLoader.Load(Root, "water-works"));

        Assert.Contains("sgcc-95598", error.Message, StringComparison.Ordinal);
        Assert.Contains("city-gas", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Files(string preset) => new()
    {
        [PresetLoader.PresetFile] = File.ReadAllText(Path.Combine(Root, preset, PresetLoader.PresetFile)),
        [PresetLoader.OrgFile] = File.ReadAllText(Path.Combine(Root, preset, PresetLoader.OrgFile)),
    };
}
