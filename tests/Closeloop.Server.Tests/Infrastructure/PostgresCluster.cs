using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Closeloop.Server.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster built from Debian's server binaries (/usr/lib/postgresql/N/bin):
/// initdb into a fresh temp dir, started on a free 127.0.0.1 port with durability switched off,
/// stopped and deleted on dispose (or when the test host exits without disposing).
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private const string PostgresRoot = "/usr/lib/postgresql";
    private static readonly TimeSpan InitDbTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<bool> RunningAsRoot = new(DetectRoot);

    private readonly string _binDir;
    private readonly string _rootDir;
    private readonly bool _asRoot;
    private readonly ConcurrentDictionary<string, byte> _handedOut = new();
    private readonly SemaphoreSlim _disposeLock = new(1, 1);
    private EventHandler? _processExitHandler;
    private bool _disposed;

    private PostgresCluster(string binDir, string rootDir, bool asRoot)
    {
        _binDir = binDir;
        _rootDir = rootDir;
        _asRoot = asRoot;
    }

    public int Port { get; private set; }

    private string DataDir => Path.Combine(_rootDir, "data");

    private string LogFile => Path.Combine(_rootDir, "log");

    public static async Task<PostgresCluster> StartAsync(CancellationToken cancellationToken = default)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("PostgresCluster runs Debian's PostgreSQL server binaries; it needs Linux.");
        }

        var binDir = FindBinDir();
        var asRoot = RunningAsRoot.Value;
        var tempRoot = asRoot && !IsWorldTraversable(Path.GetTempPath()) ? "/tmp" : Path.GetTempPath();
        var rootDir = Path.Combine(tempRoot, "closeloop-pg-" + Guid.NewGuid().ToString("N")[..12]);
        if (rootDir.Contains('\'', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The temp path '{rootDir}' contains a single quote; set TMPDIR to a plain path.");
        }

        // The server runs as the postgres user when we are root, so it must be able to reach the directory.
        Directory.CreateDirectory(rootDir, asRoot
            ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
              | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
              | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
            : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var cluster = new PostgresCluster(binDir, rootDir, asRoot);
        try
        {
            await cluster.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public string ConnectionString(string database = "postgres")
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = Superuser,
            Database = database,
        }.ConnectionString;
        _handedOut.TryAdd(connectionString, 0);
        return connectionString;
    }

    public async Task<string> CreateDatabaseAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        name ??= "t_" + Guid.NewGuid().ToString("N");

        var connection = new NpgsqlConnection(ConnectionString());
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "CREATE DATABASE " + QuoteIdentifier(name);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        await _disposeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_processExitHandler is not null)
            {
                AppDomain.CurrentDomain.ProcessExit -= _processExitHandler;
                _processExitHandler = null;
            }

            ClearPools();
            await StopAndDeleteAsync().ConfigureAwait(false);
        }
        finally
        {
            _disposeLock.Release();
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_asRoot)
        {
            await RunCheckedAsync("chown", ["-R", $"{Superuser}:{Superuser}", _rootDir], TimeSpan.FromSeconds(30), cancellationToken)
                .ConfigureAwait(false);
        }

        var initDb = await RunPostgresToolAsync("initdb", InitDbArguments("C.UTF-8"), InitDbTimeout, cancellationToken)
            .ConfigureAwait(false);
        if (initDb.ExitCode != 0)
        {
            // Not every machine has the C.UTF-8 locale; plain C works everywhere.
            DeleteDirectory(DataDir);
            var fallback = await RunPostgresToolAsync("initdb", InitDbArguments("C"), InitDbTimeout, cancellationToken)
                .ConfigureAwait(false);
            if (fallback.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"initdb failed with --locale=C.UTF-8 ({initDb.Describe()}) and with --locale=C ({fallback.Describe()}).");
            }
        }

        _processExitHandler = (_, _) => StopOnProcessExit();
        AppDomain.CurrentDomain.ProcessExit += _processExitHandler;

        for (var attempt = 1; ; attempt++)
        {
            Port = GetFreePort();
            var start = await RunPostgresToolAsync("pg_ctl", StartArguments(), StartTimeout, cancellationToken)
                .ConfigureAwait(false);
            if (start.ExitCode == 0)
            {
                return;
            }

            var log = ReadLogTail();
            if (attempt == 1 && IsPortConflict(log))
            {
                await RunPostgresToolAsync("pg_ctl", StopArguments(), StopTimeout, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            throw new InvalidOperationException(
                $"pg_ctl start on port {Port} failed ({start.Describe()}).{Environment.NewLine}Server log tail:{Environment.NewLine}{log}");
        }
    }

    private string[] InitDbArguments(string locale) =>
        ["-D", DataDir, "-U", Superuser, "-A", "trust", "--encoding=UTF8", $"--locale={locale}", "--no-sync"];

    private string[] StartArguments() =>
    [
        "-D", DataDir, "-l", LogFile, "-w", "-t", "60", "-o",
        // pg_ctl hands -o to /bin/sh, hence the quotes around the directory.
        string.Create(
            CultureInfo.InvariantCulture,
            $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='{_rootDir}' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"),
        "start",
    ];

    private string[] StopArguments() => ["-D", DataDir, "-m", "immediate", "-w", "-t", "20", "stop"];

    private async Task StopAndDeleteAsync()
    {
        if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
        {
            await RunPostgresToolAsync("pg_ctl", StopArguments(), StopTimeout, CancellationToken.None).ConfigureAwait(false);
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                DeleteDirectory(_rootDir);
                return;
            }
            catch (IOException) when (attempt < 10)
            {
                // The server may still be removing its files for a moment after pg_ctl returns.
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    private void StopOnProcessExit()
    {
        try
        {
            if (!_disposeLock.Wait(0))
            {
                return; // a DisposeAsync is already running
            }

            try
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                StopAndDeleteAsync().GetAwaiter().GetResult();
            }
            finally
            {
                _disposeLock.Release();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException)
        {
            // Nothing useful can be done while the process exits.
        }
    }

    private void ClearPools()
    {
        foreach (var connectionString in _handedOut.Keys)
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    private string ReadLogTail()
    {
        try
        {
            if (!File.Exists(LogFile))
            {
                return "(no server log)";
            }

            var lines = File.ReadAllLines(LogFile);
            return string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Length - 40)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"(could not read {LogFile}: {ex.Message})";
        }
    }

    private static bool IsPortConflict(string log) =>
        log.Contains("Address already in use", StringComparison.OrdinalIgnoreCase)
        || log.Contains("could not create any TCP/IP sockets", StringComparison.OrdinalIgnoreCase);

    private Task<ProcessResult> RunPostgresToolAsync(string tool, string[] arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(_binDir, tool);
        return _asRoot
            ? RunAsync(ResolveRunuser(), ["-u", Superuser, "--", executable, .. arguments], timeout, _rootDir, cancellationToken)
            : RunAsync(executable, arguments, timeout, _rootDir, cancellationToken);
    }

    private static async Task RunCheckedAsync(string fileName, string[] arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var result = await RunAsync(fileName, arguments, timeout, null, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Describe());
        }
    }

    private static async Task<ProcessResult> RunAsync(
        string fileName, string[] arguments, TimeSpan timeout, string? workingDirectory, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (workingDirectory is not null)
        {
            startInfo.WorkingDirectory = workingDirectory;
        }

        var commandLine = string.Join(' ', [fileName, .. arguments]);
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start '{commandLine}': {ex.Message}", ex);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited in the meantime.
            }

            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"'{commandLine}' did not finish within {timeout.TotalSeconds:0} s.");
        }

        return new ProcessResult(commandLine, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    private static string FindBinDir()
    {
        string[] tools = ["initdb", "pg_ctl", "postgres"];
        var candidates = Directory.Exists(PostgresRoot)
            ? Directory.GetDirectories(PostgresRoot)
                .Select(dir => (Dir: dir, Version: int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(c => c.Version >= 0)
                .OrderByDescending(c => c.Version)
                .Select(c => Path.Combine(c.Dir, "bin"))
            : [];
        return candidates.FirstOrDefault(bin => tools.All(tool => File.Exists(Path.Combine(bin, tool))))
            ?? throw new InvalidOperationException(
                $"No PostgreSQL server binaries (initdb, pg_ctl, postgres) found under {PostgresRoot}/<version>/bin. "
                + "Run ./test.sh, which installs them, or `sudo apt-get install postgresql`.");
    }

    private static bool DetectRoot()
    {
        if (Environment.UserName == "root")
        {
            return true;
        }

        // Without a passwd entry for uid 0 the user name is not "root"; ask id(1) for the effective uid.
        try
        {
            var startInfo = new ProcessStartInfo("id") { RedirectStandardOutput = true, UseShellExecute = false };
            startInfo.ArgumentList.Add("-u");
            using var process = Process.Start(startInfo);
            if (process is null)
            {
                return false;
            }

            var output = process.StandardOutput.ReadToEnd();
            return process.WaitForExit(10_000) && process.ExitCode == 0 && output.Trim() == "0";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static bool IsWorldTraversable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        for (var dir = new DirectoryInfo(path); dir is not null; dir = dir.Parent)
        {
            if (dir.Exists && (File.GetUnixFileMode(dir.FullName) & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static string ResolveRunuser() => File.Exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "runuser";

    private static int GetFreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
    {
        public string Describe() =>
            $"'{CommandLine}' exited with {ExitCode}: {StandardError.Trim()} {StandardOutput.Trim()}".TrimEnd();
    }
}
