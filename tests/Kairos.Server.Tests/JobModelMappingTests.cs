using System.Collections;
using Kairos.Client.Contracts;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Definitions;
using Kairos.Store.Sqlite;
using Kairos.Testing;

namespace Kairos.Server.Tests;

/// <summary>
/// The schema, the domain's JobSpec and the store's document are mapped field by field: a field added to the schema
/// and forgotten in a mapping would be dropped silently on save. Every field is filled here, by reflection, so it is not.
/// </summary>
public sealed class JobModelMappingTests
{
    [Fact]
    public async Task EveryFieldOfTheSchema_SurvivesTheStoreAndItsHistory()
    {
        var definition = (JobDefinition)Filled(typeof(JobDefinition), "every-field");
        await using var store = SqliteStore.Open(TestServers.NewSqlitePath());
        await store.MigrateAsync();
        await store.Jobs.UpsertAsync(new JobRecord(definition.Id!, definition.ToSpec(), "test", OverlapPolicy.Forbid, DateTimeOffset.UnixEpoch), new JobChange("test"));

        var expected = JobJson.Serialize(definition);
        Assert.Equal(expected, JobJson.Serialize((await store.Jobs.GetAsync(definition.Id!))!.Definition.ToDefinition()));
        Assert.Equal(expected, JobJson.Serialize((await store.Jobs.GetVersionAsync(definition.Id!, 1))!.Definition.ToDefinition()));
    }

    [Fact]
    public async Task After_AndWaitUntil_SurviveTheStore_AsWritten()
    {
        var definition = new JobDefinition
        {
            Id = "gl-report",
            Action = new ActionDefinition { Noop = true },
            After =
            [
                new AfterDefinition { Job = "gl-post", State = "finished", BusinessDate = "previous", IfClosed = "wait" },
                new AfterDefinition { Condition = "core-eod-file" },
            ],
            WaitUntil = "07:00",
        };
        await using var store = SqliteStore.Open(TestServers.NewSqlitePath());
        await store.MigrateAsync();
        await store.Jobs.UpsertAsync(new JobRecord(definition.Id!, definition.ToSpec(), "test", OverlapPolicy.Forbid, DateTimeOffset.UnixEpoch), new JobChange("test"));

        var read = (await store.Jobs.GetAsync(definition.Id!))!.Definition;
        Assert.Equal(new AfterSpec("gl-post", null, "finished", "previous", "wait"), read.After![0]);
        Assert.Equal(new AfterSpec(Condition: "core-eod-file"), read.After[1]);
        Assert.Equal("07:00", read.WaitUntil);
        Assert.Equal(JobJson.Serialize(definition), JobJson.Serialize(read.ToDefinition()));
    }

    private static object Filled(Type type, string name)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return name;
        if (type == typeof(int)) return name.Length;
        if (type == typeof(bool)) return true;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var dictionary = (IDictionary)Activator.CreateInstance(type)!;
            dictionary.Add(name + "-key", Filled(type.GetGenericArguments()[1], name + "-value"));
            return dictionary;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            var list = (IList)Activator.CreateInstance(type)!;
            list.Add(Filled(type.GetGenericArguments()[0], name + "-item"));
            return list;
        }
        Assert.Equal(typeof(JobDefinition).Namespace, type.Namespace);
        var value = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties().Where(p => p.CanWrite)) property.SetValue(value, Filled(property.PropertyType, property.Name));
        return value;
    }
}
