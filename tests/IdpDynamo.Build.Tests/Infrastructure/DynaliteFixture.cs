using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace IdpDynamo.Build.Tests.Infrastructure;

/// <summary>
/// dynalite (tests/dynalite/node_modules, installed by eng/test.sh with <c>npm ci</c>), in memory, on 127.0.0.1 and a
/// free port. Started once per test class; the process tree is killed on dispose. Every wait is bounded.
/// </summary>
public sealed class DynaliteFixture : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan TableTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public DynaliteFixture()
    {
        string cli = Path.Combine(RepositoryPaths.Root, "tests", "dynalite", "node_modules", "dynalite", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException(
                $"dynalite is not installed ({cli} is missing). Run `cd tests/dynalite && npm ci` once (.ci/run does it).");
        }

        string node = FindNode() ?? throw new InvalidOperationException(
            "Node.js was not found on PATH (looked for 'node'); the DynamoDB integration tests run dynalite with it. Install Node.js 18 or later.");

        // A free port can be taken between probing and listening: try a few.
        Exception? last = null;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            Port = FreePort();
            try
            {
                _process = Start(node, cli, Port);
                Endpoint = $"http://127.0.0.1:{Port}";
                return;
            }
            catch (InvalidOperationException ex)
            {
                last = ex;
            }
        }

        throw new InvalidOperationException("dynalite did not start after 3 attempts", last);
    }

    /// <summary>The port dynalite listens on.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public string Endpoint { get; } = string.Empty;

    /// <summary>What dynalite printed so far (for assertion messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>A client of the real SDK for this endpoint, with the sample's dummy credentials.</summary>
    public AmazonDynamoDBClient Client() => new(
        new BasicAWSCredentials("local", "local"),
        new AmazonDynamoDBConfig
        {
            ServiceURL = Endpoint,
            AuthenticationRegion = "eu-west-1",
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromSeconds(15),
        });

    /// <summary>Deletes every table, so each test starts from an empty server.</summary>
    public async Task DeleteAllTablesAsync(IAmazonDynamoDB client)
    {
        var names = (await client.ListTablesAsync(new ListTablesRequest())).TableNames ?? new List<string>();
        foreach (string name in names)
        {
            await client.DeleteTableAsync(name);
        }

        foreach (string name in names)
        {
            await WaitAsync(client, name, status: null);
        }
    }

    /// <summary>Creates the table and waits until it is ACTIVE (dynalite keeps it CREATING for 500 ms); returns DescribeTable.</summary>
    public async Task<TableDescription> CreateAsync(IAmazonDynamoDB client, CreateTableRequest request)
    {
        await client.CreateTableAsync(request);
        return (await WaitAsync(client, request.TableName, TableStatus.ACTIVE))!;
    }

    /// <summary>Polls DescribeTable until the table has <paramref name="status"/> (or, for null, is gone).</summary>
    private static async Task<TableDescription?> WaitAsync(IAmazonDynamoDB client, string table, TableStatus? status)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            TableDescription? description;
            try
            {
                description = (await client.DescribeTableAsync(table)).Table;
            }
            catch (ResourceNotFoundException)
            {
                description = null;
            }

            if (status is null ? description is null : description?.TableStatus == status)
            {
                return description;
            }

            if (deadline.Elapsed > TableTimeout)
            {
                throw new TimeoutException($"Table '{table}' did not become {status?.Value ?? "deleted"} within {TableTimeout.TotalSeconds}s (last: {description?.TableStatus?.Value ?? "not found"})");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
        catch (Win32Exception)
        {
        }

        _process.Dispose();
    }

    private Process Start(string node, string cli, int port)
    {
        var psi = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(cli)!,
        };
        psi.ArgumentList.Add(cli);
        psi.ArgumentList.Add("--port");
        psi.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        psi.ArgumentList.Add("--host");
        psi.ArgumentList.Add("127.0.0.1");

        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start '{node}': {ex.Message}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                process.WaitForExit();
                string output = Output;
                process.Dispose();
                throw new InvalidOperationException($"dynalite exited with code {process.ExitCode} before listening on 127.0.0.1:{port}:\n{output}");
            }

            if (Accepts(port))
            {
                return process;
            }

            Thread.Sleep(100);
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
        throw new TimeoutException($"dynalite did not accept connections on 127.0.0.1:{port} within {StartTimeout.TotalSeconds}s:\n{Output}");
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(IPAddress.Loopback, port).Wait(TimeSpan.FromSeconds(1)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string? FindNode()
    {
        string file = OperatingSystem.IsWindows() ? "node.exe" : "node";
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, file))
            .FirstOrDefault(File.Exists);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Append(line).Append('\n');
        }
    }
}
