using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Closeloop.Bench;

/// <summary>One intake as a hotline agent types it.</summary>
public sealed record Intake(string CustomerName, string Phone, string Address, string AreaCode, string Content);

/// <summary>
/// Realistic intakes: Chinese names, valid mainland mobiles (1[3-9] and 9 digits), addresses in the
/// demo preset's counties with their area codes, and about 100 characters of Chinese content.
/// Deterministic for a seed, so runs are comparable.
/// </summary>
public static class Payloads
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林"];

    private static readonly string[] GivenNames = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞"];

    private static readonly (string AreaCode, string Prefix, string[] Streets)[] Areas =
    [
        ("320115", "江苏省南京市江宁区", ["天元中路", "双龙大道", "胜太路", "竹山路", "秣陵街道清水亭西路"]),
        ("320117", "江苏省南京市溧水区", ["天生桥大道", "珍珠南路", "中山东路"]),
        ("320583", "江苏省昆山市", ["前进西路", "柏庐南路", "花桥镇绿地大道"]),
        ("320581", "江苏省常熟市", ["海虞北路", "黄河路", "虞山镇琴川路"]),
        ("330109", "浙江省杭州市萧山区", ["市心中路", "金城路", "北干街道山阴路"]),
        ("330122", "浙江省杭州市桐庐县", ["迎春南路", "白云源路"]),
        ("330281", "浙江省余姚市", ["阳明西路", "谭家岭东路", "舜水南路"]),
        ("330226", "浙江省宁海县", ["桃源北路", "兴宁中路"]),
    ];

    private static readonly string[] Openings =
    [
        "今日上午居民用户致电95598服务热线，",
        "今日下午用户通过95598热线来电，",
        "今日晚间客户拨打95598服务热线，",
    ];

    private static readonly string[] Reports =
    [
        "客户来电反映所在小区近一周内多次出现短时停电，每次持续约十分钟，家中冰箱和空调受到影响。",
        "客户咨询居民阶梯电价和峰谷分时电价的具体执行标准，以及如何办理峰谷电价的申请手续。",
        "客户表示本月电费账单金额明显高于往月同期水平，怀疑电能表计量不准，要求上门校验电表。",
        "客户反映楼道内公用照明线路老化严重，存在安全隐患，希望供电公司尽快派人到现场检查处理。",
        "客户询问新建住宅办理低压居民用电报装需要准备哪些材料，办理时限是多久，能否在网上办理。",
        "客户称已通过网上国网缴清欠费，但至今仍未恢复供电，请求尽快安排复电并说明未复电原因。",
    ];

    private static readonly string[] Requests =
    [
        "请相关单位核实情况后及时联系客户，答复处理结果，客户要求处理完毕后回访。",
        "客户希望在工作日下午三点以后联系，联系前请先发送短信告知，并留存相关材料备查。",
        "客户情绪较为急躁，请优先安排处理，并在规定时限内将处理意见反馈至客服中心。",
        "客户同时咨询了电费缴纳渠道，已告知可通过网上国网、银行代扣和营业厅等方式缴费。",
    ];

    /// <summary>How request bodies are written: UTF-8 Chinese as it is, as browsers and most clients send it.</summary>
    public static JsonSerializerOptions RequestJson { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

#pragma warning disable CA5394 // Test data, not secrets: a seeded generator keeps runs comparable.
    public static Intake Make(Random random)
    {
        var name = Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];
        var phone = $"1{random.Next(3, 10)}{random.Next(0, 1_000_000_000):D9}";
        var area = Areas[random.Next(Areas.Length)];
        var address = $"{area.Prefix}{area.Streets[random.Next(area.Streets.Length)]}{random.Next(1, 300)}号{random.Next(1, 30)}幢{random.Next(1, 4)}单元{random.Next(1, 33)}0{random.Next(1, 5)}室";
        var content = Openings[random.Next(Openings.Length)] + Reports[random.Next(Reports.Length)] + Requests[random.Next(Requests.Length)];
        return new Intake(name, phone, address, area.AreaCode, content);
    }
#pragma warning restore CA5394

    /// <summary>A create request body like the README's example.</summary>
    public static byte[] CreateBody(Intake intake) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new
            {
                type = "consultation",
                channel = "phone",
                customer = new { name = intake.CustomerName, phone = intake.Phone, address = intake.Address, areaCode = intake.AreaCode },
                content = intake.Content,
            },
            RequestJson);
}
