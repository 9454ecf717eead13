using System.Data.Common;
using System.Net.Sockets;
using System.Text.Json;
using Confluent.Kafka;
using Kairos.Kafka.Consuming;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kairos.Kafka.Tests;

public sealed class FailureClassifierTests
{
    public static TheoryData<string, Exception, FailureKind> Cases => new()
    {
        { "PostgreSQL unreachable", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)), FailureKind.Outage },
        { "connection dropped mid-query", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()), FailureKind.Outage },
        { "PostgreSQL shutting down (57P01)", new FakeDbException("terminating connection due to administrator command", "57P01"), FailureKind.Outage },
        { "connection failure (08006)", new FakeDbException("connection failure", "08006"), FailureKind.Outage },
        { "too many connections (53300)", new FakeDbException("too many clients", "53300"), FailureKind.Outage },
        { "serialization failure (40001)", new FakeDbException("could not serialize", "40001"), FailureKind.Outage },
        { "value too long (22001)", new FakeDbException("value too long", "22001"), FailureKind.Message },
        { "unique violation (23505)", new FakeDbException("duplicate key", "23505"), FailureKind.Message },
        { "SQLite busy", new SqliteException("database is locked", 5), FailureKind.Outage },
        { "SQLite disk full", new SqliteException("database or disk is full", 13), FailureKind.Outage },
        { "SQLite read-only folder", new SqliteException("attempt to write a readonly database", 8), FailureKind.Outage },
        { "SQLite cannot open", new SqliteException("unable to open database file", 14), FailureKind.Outage },
        { "SQLite constraint", new SqliteException("CHECK constraint failed", 19), FailureKind.Message },
        { "I/O error", new IOException("disk gone"), FailureKind.Outage },
        { "timeout", new TimeoutException(), FailureKind.Outage },
        { "socket", new SocketException((int)SocketError.HostUnreachable), FailureKind.Outage },
        { "Kafka unreachable", new KafkaException(ErrorCode.Local_MsgTimedOut), FailureKind.Outage },
        { "Kafka message too large", new KafkaException(ErrorCode.MsgSizeTooLarge), FailureKind.Message },
        { "outage wrapped", new InvalidOperationException("store call failed", new TimeoutException()), FailureKind.Outage },
        { "outage in an aggregate", new AggregateException(new ArgumentException("x"), new IOException("y")), FailureKind.Outage },
        { "bad payload", new FormatException("'x' is not a rate"), FailureKind.Message },
        { "bad JSON", new JsonException("unexpected end"), FailureKind.Message },
        { "validation", new InvalidOperationException("message has no key"), FailureKind.Message },
        { "bug", new NullReferenceException(), FailureKind.Message },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_Exception_SaysWhoseFaultItIs(string why, Exception error, FailureKind expected)
    {
        Assert.True(expected == FailureClassifier.Classify(error), $"{why}: expected {expected}");
    }

    [Fact]
    public void Classify_Null_Throws() => Assert.Throws<ArgumentNullException>(() => FailureClassifier.Classify(null!));

    /// <summary>A provider exception with a SQLSTATE, as PostgresException carries (its constructor is not public).</summary>
    private sealed class FakeDbException(string message, string sqlState) : DbException(message)
    {
        public override string SqlState => sqlState;
    }
}
