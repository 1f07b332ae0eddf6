using System.Diagnostics;
using System.Globalization;
using Closeloop.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// The runner's claim of a batch of due clocks, timed three ways on the same database in the same
// run, each in a transaction that is rolled back so every repetition claims the same rows:
//   server  the server's own ClaimDueClocksAsync: its SQL through EF, 1,000 Clock entities built;
//   bare    the same SELECT … FOR NO KEY UPDATE SKIP LOCKED through Npgsql, rows read and dropped;
//   state   the classic claim that marks rows by updating an indexed column (next_fire_at), RETURNING them.
// The target (server ≤ 1.5× the bare claim) is set against `state`; `bare` shows what EF adds.
// Usage: Closeloop.Bench.Clocks "Host=…;Database=…" [repeats=50] [batch=1000]
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Closeloop.Bench.Clocks CONNECTION-STRING [repeats] [batch]");
    return 2;
}
// Both ways connect as the server does, with its prepared statements.
var connectionString = Database.Tuned(args[0]);
var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var batch = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;

const string BareClaim = """
    SELECT c.* FROM clocks c JOIN work_orders o ON o.id = c.work_order_id
    WHERE c.next_fire_at <= @now ORDER BY c.next_fire_at LIMIT @limit
    FOR NO KEY UPDATE OF c, o SKIP LOCKED
    """;
const string StateClaim = """
    UPDATE clocks SET next_fire_at = NULL
    WHERE id IN (SELECT id FROM clocks WHERE next_fire_at <= @now ORDER BY next_fire_at LIMIT @limit FOR UPDATE SKIP LOCKED)
    RETURNING *
    """;

var options = new DbContextOptionsBuilder<PostgresCloseloopDb>().UseNpgsql(connectionString).Options;
await using var db = new PostgresCloseloopDb(options);
await using var connection = new NpgsqlConnection(connectionString);
await connection.OpenAsync();
var now = DateTimeOffset.UtcNow;

async Task<(double Ms, int Rows)> ServerAsync()
{
    db.ChangeTracker.Clear();
    await using var transaction = await db.Database.BeginTransactionAsync();
    var watch = Stopwatch.StartNew();
    var clocks = await db.ClaimDueClocksAsync(now, batch, CancellationToken.None);
    var ms = watch.Elapsed.TotalMilliseconds;
    await transaction.RollbackAsync();
    return (ms, clocks.Count);
}

async Task<(double Ms, int Rows)> SqlAsync(string sql)
{
    await using var transaction = await connection.BeginTransactionAsync();
    await using var command = new NpgsqlCommand(sql, connection, transaction);
    command.Parameters.AddWithValue("now", now);
    command.Parameters.AddWithValue("limit", batch);
    var watch = Stopwatch.StartNew();
    var rows = 0;
    await using (var reader = await command.ExecuteReaderAsync())
    {
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
                _ = reader.GetValue(i);
            rows++;
        }
    }
    var ms = watch.Elapsed.TotalMilliseconds;
    await transaction.RollbackAsync();
    return (ms, rows);
}

var ways = new (string Name, Func<Task<(double Ms, int Rows)>> Run)[]
{
    ("server", ServerAsync),
    ("bare", () => SqlAsync(BareClaim)),
    ("state", () => SqlAsync(StateClaim)),
};
// Warm up each way (plans, caches, JIT), then interleave them so drift hits all alike.
foreach (var way in ways)
{
    for (var i = 0; i < 5; i++)
        await way.Run();
}
var times = ways.ToDictionary(w => w.Name, _ => new List<double>());
var claimed = new Dictionary<string, int>();
for (var r = 0; r < repeats; r++)
{
    foreach (var way in ways)
    {
        var (ms, rows) = await way.Run();
        times[way.Name].Add(ms);
        claimed[way.Name] = rows;
    }
}

double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
double P95(List<double> values) => values.Order().ElementAt((int)Math.Ceiling(values.Count * 0.95) - 1);
foreach (var way in ways)
    Console.WriteLine(FormattableString.Invariant($"{way.Name,-7} rows={claimed[way.Name]} median={Median(times[way.Name]):F2} ms p95={P95(times[way.Name]):F2} ms"));
Console.WriteLine(FormattableString.Invariant(
    $"RESULT claim server_ms={Median(times["server"]):F2} bare_ms={Median(times["bare"]):F2} state_ms={Median(times["state"]):F2} server_vs_state={Median(times["server"]) / Median(times["state"]):F2} server_vs_bare={Median(times["server"]) / Median(times["bare"]):F2} rows={claimed["server"]}"));
return 0;
