using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

namespace Closeloop.Bench;

/// <summary>
/// The ceiling of one create on SQLite: the same rows the server writes, in the same shapes, with a
/// bare Microsoft.Data.Sqlite client (no EF, no HTTP), one connection per client, on a file the
/// server created and migrated (so the schema, the indexes and WAL mode are the server's).
/// </summary>
public static class SqliteCeilingCommand
{
    private const string Unit = "sgcc-csc";
    private const string NumberPattern = "{date:yyyyMMdd}{seq:000000}";

    /// <summary>As the server's StorageJson writes event changes (web defaults, nulls left out, non-ASCII escaped).</summary>
    private static readonly JsonSerializerOptions StorageJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private sealed record Prepared(Intake Intake, string RequestHash);

    private sealed class Worker
    {
        public List<long> Latencies { get; } = new(64 * 1024);
        public int Errors { get; set; }
    }

    public static Task<int> RunAsync(Options options)
    {
        var file = options.Required("db");
        var clients = options.Number("clients", 1, min: 1);
        var duration = options.Seconds("duration", 20);
        var warmup = options.Seconds("warmup", 2);
        var work = options.Text("work", "server");
        var seed = options.Number("seed", 1);
        options.RejectUnknown();
        if (work is not ("server" or "tx"))
            throw new OptionException("--work must be 'server' or 'tx'");
        if (!File.Exists(file))
            throw new OptionException($"--db {file}: no such file (start the server on it once so it creates the schema)");

        // As Database.AddCloseloopStorage builds the server's: pooling on, 30 s timeout, no pragmas of its own.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 30 }.ConnectionString;
        string journal, synchronous, foreignKeys, ruleVersion;
        bool deltas;
        long blockBase = 0;
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, shanghai).DateTime);
        var scope = $"{NumberPattern}|{day:yyyy-MM-dd}";
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            journal = Scalar(connection, "PRAGMA journal_mode");
            synchronous = Scalar(connection, "PRAGMA synchronous");
            foreignKeys = Scalar(connection, "PRAGMA foreign_keys");
            if (Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'work_orders'") == "0")
                throw new OptionException($"--db {file} has no work_orders table: start the server on it once so it creates the schema");
            deltas = Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'work_order_count_deltas'") != "0";
            ruleVersion = Scalar(connection, "SELECT id FROM rule_versions ORDER BY first_loaded_at DESC LIMIT 1") is { Length: > 0 } id
                ? id
                : "sgcc-95598@2026.1#000000000000";
            if (work == "tx")
            {
                // Numbers for the whole run in one reservation, so the measured transaction is only the order's.
                using var reserve = Reserve(connection, scope, 100_000_000);
                blockBase = Convert.ToInt64(reserve.ExecuteScalar(), CultureInfo.InvariantCulture) - 100_000_000;
            }
        }

        var random = new Random(seed);
        var intakes = Enumerable.Range(0, 4096).Select(i =>
        {
            var intake = Payloads.Make(random);
            return new Prepared(intake, Convert.ToHexStringLower(SHA256.HashData(Payloads.CreateBody(intake))));
        }).ToArray();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sqlite-ceiling: {clients} clients on {file} for {warmup:0.#} s warm-up + {duration:0.#} s measured; work={work}; journal_mode={journal} synchronous={synchronous} foreign_keys={foreignKeys}; count deltas {(deltas ? "written" : "absent from schema")}"));

        var run = Guid.NewGuid().ToString("N")[..12];
        long sequence = 0;
        string? firstError = null;
        var freq = Stopwatch.Frequency;
        var start = Stopwatch.GetTimestamp();
        var measureStart = start + (long)(warmup * freq);
        var measureEnd = measureStart + (long)(duration * freq);

        var workers = Enumerable.Range(0, clients).Select(_ => new Worker()).ToArray();
        var threads = workers.Select((worker, w) => new Thread(() =>
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            // As WorkOrderNumbers on SQLite: a block of 10 numbers reserved in a commit of its own.
            using var reserve = Reserve(connection, scope, 10);
            long blockNext = 1, blockLast = 0;
            using var insertOrder = Command(connection, """
                INSERT INTO "work_orders" ("id", "accepting_unit", "channel", "closed_at", "content", "created_at", "grade", "number",
                    "responsible_unit", "route", "rule_version", "status", "subtype", "type", "updated_at", "version",
                    "customer_address", "customer_area_code", "customer_class", "customer_customer_number", "customer_name", "customer_phone")
                VALUES (@id, @unit, 'Phone', NULL, @content, @at, NULL, @number, @unit, @unit, @rule, 'accepted', NULL, 'consultation', @at, 1,
                    @address, @area, NULL, NULL, @name, @phone)
                """, "@id", "@unit", "@content", "@at", "@number", "@rule", "@address", "@area", "@name", "@phone");
            using var insertEvent = Command(connection, """
                INSERT INTO "work_order_events" ("work_order_id", "sequence", "action", "actor", "at", "attachments", "changes", "comment", "from_status", "reason", "to_status")
                VALUES (@id, 1, 'accept', @actor, @at, '[]', @changes, NULL, NULL, NULL, 'accepted')
                """, "@id", "@actor", "@at", "@changes");
            using var insertDelta = deltas
                ? Command(connection, """
                    INSERT INTO "work_order_count_deltas" ("delta", "responsible_unit", "status", "type")
                    VALUES (1, @unit, 'accepted', 'consultation') RETURNING "id"
                    """, "@unit")
                : null;
            using var insertKey = Command(connection, """
                INSERT INTO "idempotency_keys" ("key", "created_at", "request_hash", "work_order_id") VALUES (@key, @at, @hash, @id)
                """, "@key", "@at", "@hash", "@id");
            insertOrder.Parameters["@unit"].Value = Unit;
            insertOrder.Parameters["@rule"].Value = ruleVersion;
            insertDelta?.Parameters["@unit"].Value = Unit;

            var i = w * 7919;
            while (true)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (t0 >= measureEnd)
                    break;
                var n = Interlocked.Increment(ref sequence);
                var (intake, hash) = intakes[i++ % intakes.Length];
                var key = $"ceiling-{run}-{n}";
                string? error = null;
                try
                {
                    long seq;
                    if (work == "server")
                    {
                        if (blockNext > blockLast)
                        {
                            blockLast = Convert.ToInt64(reserve.ExecuteScalar(), CultureInfo.InvariantCulture);
                            blockNext = blockLast - 9;
                        }
                        seq = blockNext++;
                    }
                    else
                    {
                        seq = blockBase + n;
                    }
                    var now = DateTimeOffset.UtcNow;
                    var at = ToBinary(now);
                    var id = Guid.CreateVersion7(now).ToString("D").ToUpperInvariant();
                    var number = $"{day:yyyyMMdd}{seq:D6}";
                    var actor = $"agent.{n % 200:D3}";

                    using var transaction = connection.BeginTransaction();
                    insertOrder.Transaction = transaction;
                    insertOrder.Parameters["@id"].Value = id;
                    insertOrder.Parameters["@content"].Value = intake.Content;
                    insertOrder.Parameters["@at"].Value = at;
                    insertOrder.Parameters["@number"].Value = number;
                    insertOrder.Parameters["@address"].Value = intake.Address;
                    insertOrder.Parameters["@area"].Value = intake.AreaCode;
                    insertOrder.Parameters["@name"].Value = intake.CustomerName;
                    insertOrder.Parameters["@phone"].Value = intake.Phone;
                    insertOrder.ExecuteNonQuery();

                    insertEvent.Transaction = transaction;
                    insertEvent.Parameters["@id"].Value = id;
                    insertEvent.Parameters["@actor"].Value = actor;
                    insertEvent.Parameters["@at"].Value = at;
                    insertEvent.Parameters["@changes"].Value = Changes(number, intake, ruleVersion);
                    insertEvent.ExecuteNonQuery();

                    if (insertDelta is not null)
                    {
                        insertDelta.Transaction = transaction;
                        insertDelta.ExecuteScalar();
                    }

                    insertKey.Transaction = transaction;
                    insertKey.Parameters["@key"].Value = key;
                    insertKey.Parameters["@at"].Value = at;
                    insertKey.Parameters["@hash"].Value = hash;
                    insertKey.Parameters["@id"].Value = id;
                    insertKey.ExecuteNonQuery();
                    transaction.Commit();
                }
                catch (SqliteException e)
                {
                    error = $"SQLite error {e.SqliteErrorCode}: {e.Message}";
                }
                var t1 = Stopwatch.GetTimestamp();
                if (error is not null)
                    Interlocked.CompareExchange(ref firstError, error, null);
                if (t1 >= measureStart && t1 <= measureEnd)
                {
                    if (error is null)
                        worker.Latencies.Add(t1 - t0);
                    else
                        worker.Errors++;
                }
            }
        })
        { IsBackground = true, Name = $"sqlite-{w}" }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var latencies = Latencies.Of(workers.SelectMany(w => w.Latencies));
        var errors = workers.Sum(w => w.Errors);
        var tps = latencies.Count / duration;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  transactions {latencies.Count + errors} ({errors} errors)  throughput {tps:F1} creates/s"));
        Console.WriteLine($"  latency  {latencies.Describe()}");
        if (firstError is not null)
            Console.WriteLine($"  first error: {firstError}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT sqlite-ceiling clients={clients} work={work} duration={duration:0.###} transactions={latencies.Count + errors} errors={errors} tps={tps:F1} {latencies.Fields()} journal_mode={journal} synchronous={synchronous} deltas={(deltas ? 1 : 0)}"));
        return Task.FromResult(errors == 0 && latencies.Count > 0 ? 0 : 1);
    }

    /// <summary>EF Core's DateTimeOffsetToBinaryConverter, which the server's SQLite model uses for every instant.</summary>
    private static long ToBinary(DateTimeOffset value) => ((value.Ticks / 1000) << 11) | ((long)value.Offset.TotalMinutes & 0x7FF);

    private static string Changes(string number, Intake intake, string ruleVersion) =>
        JsonSerializer.Serialize(
            new
            {
                intake = new
                {
                    number,
                    type = "consultation",
                    channel = "phone",
                    customer = new { name = intake.CustomerName, phone = intake.Phone, address = intake.Address, areaCode = intake.AreaCode },
                    content = intake.Content,
                    acceptingUnit = Unit,
                    ruleVersion,
                },
                route = new[] { Unit },
            },
            StorageJson);

    /// <summary>The server's number reservation (WorkOrderNumbers.ReserveAsync): one statement that commits on its own.</summary>
    private static SqliteCommand Reserve(SqliteConnection connection, string scope, long count)
    {
        var command = Command(connection, """
            INSERT INTO number_sequences (scope, last_value) VALUES (@scope, @count)
            ON CONFLICT (scope) DO UPDATE SET last_value = number_sequences.last_value + @count
            RETURNING last_value
            """, "@scope", "@count");
        command.Parameters["@scope"].Value = scope;
        command.Parameters["@count"].Value = count;
        return command;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        return command;
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }
}
