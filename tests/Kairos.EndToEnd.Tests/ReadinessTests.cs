using System.Net;
using Kairos.Testing;
using Npgsql;

namespace Kairos.EndToEnd.Tests;

/// <summary>Readiness says when the node cannot write to its store, and comes back by itself when it can.</summary>
public class ReadinessTests
{
    [Fact]
    public async Task Ready_StoreRefusesWrites_NotReadyThenReadyAgain()
    {
        var postgres = TestServers.NewPostgresDatabase();
        var data = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        var jobs = Path.Combine(data, "jobs");
        Directory.CreateDirectory(jobs);
        await using var server = await Processes.StartServerAsync(jobs, data, "ready-1", postgres);
        using var http = new HttpClient { BaseAddress = server.Address };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz/ready")).StatusCode);

        // The database still answers queries but refuses every write, as a full disk or a read-only replica would.
        await SetReadOnlyAsync(postgres, true);
        // (The first look may meet a connection the database just closed; what counts is the reason that stays.)
        await WaitForStatusAsync(http, HttpStatusCode.ServiceUnavailable, "could not write");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz/live")).StatusCode);

        await SetReadOnlyAsync(postgres, false);
        await WaitForStatusAsync(http, HttpStatusCode.OK, "Healthy");
    }

    private static async Task WaitForStatusAsync(HttpClient http, HttpStatusCode wanted, string saying)
    {
        var last = "";
        for (var i = 0; i < 300; i++)
        {
            var response = await http.GetAsync("healthz/ready");
            last = $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            if (response.StatusCode == wanted && last.Contains(saying, StringComparison.Ordinal)) return;
            await Task.Delay(100);
        }
        Assert.Fail($"readiness never became {wanted} saying '{saying}' in 30 s; last: {last}");
    }

    // New sessions start read-only; the server's pooled connections are closed so it opens new ones.
    private static async Task SetReadOnlyAsync(string connectionString, bool readOnly)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var database = builder.Database!;
        builder.Database = "postgres";
        builder.Pooling = false;
        await using var connection = new NpgsqlConnection(builder.ToString());
        await connection.OpenAsync();
        var set = readOnly ? "SET default_transaction_read_only = on" : "RESET default_transaction_read_only";
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE {database} {set}", connection)) await alter.ExecuteNonQueryAsync();
        await using var kick = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @db AND pid <> pg_backend_pid()", connection);
        kick.Parameters.AddWithValue("db", database);
        await kick.ExecuteNonQueryAsync();
    }
}
