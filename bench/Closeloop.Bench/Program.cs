using Closeloop.Bench;

// Closeloop benchmark tools: see bench/README.md.
try
{
    return args.FirstOrDefault() switch
    {
        "create" => await CreateCommand.RunAsync(Options.Parse(args, 1)),
        "sqlite-ceiling" => await SqliteCeilingCommand.RunAsync(Options.Parse(args, 1)),
        "query" => await QueryCommand.RunAsync(Options.Parse(args, 1)),
        _ => Usage(),
    };
}
catch (OptionException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("""
        Closeloop.Bench — load generator and database ceilings for Closeloop (bench/README.md).

          create --url http://127.0.0.1:5081 --token clt_… --clients 32 --duration 20 [--warmup 3] [--server-pid N]
              N loops each POST /api/work-orders back to back; throughput and latency percentiles,
              server RSS and CPU (from /proc/N) over the measured window.

          sqlite-ceiling --db FILE --clients N --duration S [--warmup 2] [--work server|tx]
              The same writes as one create, with a bare Microsoft.Data.Sqlite client, on a file the
              server migrated. --work tx: only the order transaction (3-4 INSERTs);
              --work server (default): also the number reservation the server does around it
              (a block of 10 every tenth order).

          query --url URL --token clt_… --path "/api/work-orders?unit=js-nj-jn&open=true&limit=50" --requests 200
                [--follow-next K] [--warmup 10] [--name LABEL]
              Repeated GETs of one page; with --follow-next K first walks K pages along `next`
              and times the page reached.

        --token is a personal API token (bench/lib.sh bench_token makes one on a fresh server).
        Each command ends with one line `RESULT <command> key=value …` for scripts.
        """);
    return 2;
}
