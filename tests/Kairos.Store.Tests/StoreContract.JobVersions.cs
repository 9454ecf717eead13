using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Store.Sql;

namespace Kairos.Store.Tests;

public abstract partial class StoreContract
{
    // Written by Kairos before the store had a layout of its own: the API's camelCase JSON, with no format column.
    private const string OldFormatJson =
        """{"id":"legacy","description":"from before","owner":"fx","schedule":{"cron":"0 9 * * *","timeZone":"Asia/Seoul","calendar":"KR","days":"business-days","window":{"start":"08:00","end":"18:00"}},"action":{"command":{"argv":["/bin/echo","hi"],"workingDirectory":"/srv","env":{"API_TOKEN":"s3cret"},"killGrace":"5s"}},"retries":{"count":2,"maxBackoff":"5m"},"misfire":{"policy":"skip","catchupWindow":"10m"},"sla":{"finishBy":"10:00"}}""";

    [Fact]
    public async Task Upsert_CreateThenChange_RecordsEachVersionWithWhoAndWhy()
    {
        await Store.Jobs.UpsertAsync(Record("v", "first"), new JobChange("alice", "new report"));
        await Store.Jobs.UpsertAsync(Record("v", "second", at: T0.AddMinutes(1)), new JobChange("file:/jobs/v.yaml"));

        var versions = await Store.Jobs.VersionsAsync("v", 10);
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.Equal((JobChangeKind.Changed, "file:/jobs/v.yaml", (string?)null, T0.AddMinutes(1), "second"),
            (versions[0].Kind, versions[0].ChangedBy, versions[0].Reason, versions[0].ChangedAt, versions[0].Definition.Description));
        Assert.Equal((JobChangeKind.Created, "alice", "new report", "first"), (versions[1].Kind, versions[1].ChangedBy, versions[1].Reason, versions[1].Definition.Description));
        Assert.Equal("first", (await Store.Jobs.GetVersionAsync("v", 1))!.Definition.Description);
        Assert.Null(await Store.Jobs.GetVersionAsync("v", 3));
        Assert.Equal([2], (await Store.Jobs.VersionsAsync("v", 1)).Select(v => v.Version));
    }

    [Fact]
    public async Task Upsert_SameDefinitionAgain_RecordsNoVersion()
    {
        await Store.Jobs.UpsertAsync(Record("same", "one"), Tester);
        await Store.Jobs.UpsertAsync(Record("same", "one", at: T0.AddMinutes(5)), new JobChange("bob", "touch"));
        Assert.Single(await Store.Jobs.VersionsAsync("same", 10));
        Assert.Equal(T0.AddMinutes(5), (await Store.Jobs.GetAsync("same"))!.UpdatedAt);
    }

    [Fact]
    public async Task Delete_RecordsTheRemovedDefinition_AndNumbersGoOnWhenCreatedAgain()
    {
        await Store.Jobs.UpsertAsync(Record("d", "before"), Tester);
        Assert.True(await Store.Jobs.DeleteAsync("d", new JobChange("carol", "retired")));
        Assert.False(await Store.Jobs.DeleteAsync("d", Tester));
        await Store.Jobs.UpsertAsync(Record("d", "again"), Tester);

        var versions = await Store.Jobs.VersionsAsync("d", 10);
        Assert.Equal([(3, JobChangeKind.Created), (2, JobChangeKind.Deleted), (1, JobChangeKind.Created)], versions.Select(v => (v.Version, v.Kind)));
        Assert.Equal(("carol", "retired", "before"), (versions[1].ChangedBy, versions[1].Reason, versions[1].Definition.Description));
        Assert.Empty(await Store.Jobs.VersionsAsync("never", 10));
    }

    [Fact]
    public async Task UpsertAndDelete_WhenTheVersionCannotBeWritten_LeaveTheJobAsItWas()
    {
        await Store.Jobs.UpsertAsync(Record("atomic", "kept"), Tester);
        await ExecuteAsync(SameDatabaseDialect(), "DROP TABLE job_versions");

        await Assert.ThrowsAnyAsync<Exception>(() => Store.Jobs.UpsertAsync(Record("atomic", "lost", at: T0.AddMinutes(1)), Tester));
        await Assert.ThrowsAnyAsync<Exception>(() => Store.Jobs.UpsertAsync(Record("fresh", "lost"), Tester));
        await Assert.ThrowsAnyAsync<Exception>(() => Store.Jobs.DeleteAsync("atomic", Tester));

        var job = await Store.Jobs.GetAsync("atomic");
        Assert.Equal(("kept", T0), (job!.Definition.Description, job.UpdatedAt));
        Assert.Null(await Store.Jobs.GetAsync("fresh"));
    }

    [Fact]
    public async Task Upsert_FromTwoNodesAtOnce_NumbersVersionsWithoutGapsOrClashes()
    {
        var other = SecondNode();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            (i % 2 == 0 ? Store : other).Jobs.UpsertAsync(Record("race", $"edit {i}"), new JobChange($"node{i % 2}"))));
        var versions = await Store.Jobs.VersionsAsync("race", 100);
        Assert.Equal(Enumerable.Range(1, 16).Reverse(), versions.Select(v => v.Version));
        Assert.Equal(JobChangeKind.Created, versions[^1].Kind);
        Assert.Equal(versions[0].Definition.Description, (await Store.Jobs.GetAsync("race"))!.Definition.Description);
    }

    [Fact]
    public async Task Migrate_JobStoredInTheOldFormat_LoadsUnchangedAndStartsItsHistory()
    {
        var dialect = NewDatabaseDialect();
        await using (var old = new SqlKairosStore(new MigrationsUpTo(dialect, 10), TimeProvider.System)) await old.MigrateAsync();
        await ExecuteAsync(dialect, $"INSERT INTO jobs (id, definition, source, overlap, held, updated_at) VALUES ('legacy', '{OldFormatJson}', 'api', 'forbid', 0, {T0.ToUnixTimeMilliseconds()})", dispose: false);
        await using var store = new SqlKairosStore(dialect, TimeProvider.System);
        await store.MigrateAsync();

        var spec = (await store.Jobs.GetAsync("legacy"))!.Definition;
        Assert.Equal(("from before", "fx", "Asia/Seoul", "18:00"), (spec.Description, spec.Owner, spec.Schedule!.TimeZone, spec.Schedule.Window!.End));
        Assert.Equal(("/srv", "s3cret", "5s"), (spec.Action!.Command!.WorkingDirectory, spec.Action.Command.Env!["API_TOKEN"], spec.Action.Command.KillGrace));
        Assert.Equal((2, "5m", "10m", "10:00"), (spec.Retries!.Count, spec.Retries.MaxBackoff, spec.Misfire!.CatchupWindow, spec.Sla!.FinishBy));
        var first = Assert.Single(await store.Jobs.VersionsAsync("legacy", 10));
        Assert.Equal((1, JobChangeKind.Created, "api", T0, "fx"), (first.Version, first.Kind, first.ChangedBy, first.ChangedAt, first.Definition.Owner));

        // Saving what it already says is no change, even though the row is in the old format.
        await store.Jobs.UpsertAsync(new JobRecord("legacy", spec, "api", OverlapPolicy.Forbid, T0.AddDays(1)), Tester);
        Assert.Single(await store.Jobs.VersionsAsync("legacy", 10));
        await store.Jobs.UpsertAsync(new JobRecord("legacy", spec with { Description = "now" }, "api", OverlapPolicy.Forbid, T0.AddDays(2)), Tester);
        Assert.Equal((2, "now"), ((await store.Jobs.VersionsAsync("legacy", 1))[0].Version, (await store.Jobs.GetAsync("legacy"))!.Definition.Description));
        Assert.Equal("from before", (await store.Jobs.GetVersionAsync("legacy", 1))!.Definition.Description);
    }

    [Fact]
    public async Task Upsert_WritesTheStoresOwnFormat_NotTheApisJson()
    {
        await Store.Jobs.UpsertAsync(Record("fmt", "x") with { Definition = new JobSpec { Id = "fmt", Schedule = new ScheduleSpec(Cron: "* * * * *", TimeZone: "Asia/Seoul") } }, Tester);
        var dialect = SameDatabaseDialect();
        await using var connection = await dialect.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT definition_format, definition FROM jobs WHERE id = 'fmt'";
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(2L, Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains("\"time_zone\":\"Asia/Seoul\"", reader.GetString(1), StringComparison.Ordinal);
        }
        await connection.DisposeAsync();
        await DisposeAsync(dialect);
    }

    [Fact]
    public async Task After_IsStoredSnakeCase_AndAJobWithoutItIsStoredAsBefore()
    {
        var after = new JobSpec { Id = "deps", Action = new ActionSpec(Noop: true), After = [new AfterSpec("up", BusinessDate: "previous", IfClosed: "ignore")], WaitUntil = "2h" };
        await Store.Jobs.UpsertAsync(new JobRecord("deps", after, "test", OverlapPolicy.Forbid, T0), Tester);
        await Store.Jobs.UpsertAsync(Record("plain", "x"), Tester);
        var dialect = SameDatabaseDialect();
        await using var connection = await dialect.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, definition FROM jobs WHERE id IN ('deps', 'plain') ORDER BY id";
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Contains("\"after\":[{\"job\":\"up\",\"business_date\":\"previous\",\"if_closed\":\"ignore\"}],\"wait_until\":\"2h\"", reader.GetString(1), StringComparison.Ordinal);
            Assert.True(await reader.ReadAsync());
            // Rows without after stay readable by a build that predates it.
            Assert.DoesNotContain("after", reader.GetString(1), StringComparison.Ordinal);
            Assert.DoesNotContain("wait_until", reader.GetString(1), StringComparison.Ordinal);
        }
        await connection.DisposeAsync();
        await DisposeAsync(dialect);
        var read = (await Store.Jobs.GetAsync("deps"))!.Definition;
        Assert.Equal(new AfterSpec("up", BusinessDate: "previous", IfClosed: "ignore"), Assert.Single(read.After!));
        Assert.Equal("2h", read.WaitUntil);
    }

    private static JobRecord Record(string id, string description, DateTimeOffset? at = null) =>
        new(id, new JobSpec { Id = id, Description = description, Action = new ActionSpec(Noop: true) }, "test", OverlapPolicy.Forbid, at ?? T0);

    private static async Task ExecuteAsync(SqlDialect dialect, string sql, bool dispose = true)
    {
        await using (var scope = await dialect.BeginWriteAsync(CancellationToken.None))
        {
            await using var command = scope.Connection.CreateCommand();
            command.Transaction = scope.Transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
            await scope.CommitAsync();
        }
        if (dispose) await DisposeAsync(dialect);
    }

    private static ValueTask DisposeAsync(SqlDialect dialect) => dialect is IAsyncDisposable d ? d.DisposeAsync() : ValueTask.CompletedTask;
}
