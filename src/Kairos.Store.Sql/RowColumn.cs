namespace Kairos.Store.Sql;

/// <summary>A column of a row source: its name in the SQL and its PostgreSQL array element type.</summary>
public sealed record RowColumn(string Name, RowType Type)
{
    public static RowColumn Long(string name) => new(name, RowType.Long);

    public static RowColumn Text(string name) => new(name, RowType.Text);
}

public enum RowType { Long, Text }
