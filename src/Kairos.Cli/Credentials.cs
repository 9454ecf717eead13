using System.Text.Json;

namespace Kairos.Cli;

/// <summary>
/// The API token for a server: KAIROS_TOKEN when set, else the one <c>kairos login</c> saved for that server URL in
/// ~/.config/kairos/credentials.json (readable by its owner only).
/// </summary>
internal static class Credentials
{
    internal sealed record Saved(long Id, string Token, string User);

    private static string FilePath =>
        Path.Combine(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } config ? config
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"), "kairos", "credentials.json");

    public static string? TokenFor(string server) =>
        Environment.GetEnvironmentVariable("KAIROS_TOKEN") is { Length: > 0 } token ? token : Load().GetValueOrDefault(Key(server))?.Token;

    public static (long Id, string User)? SavedFor(string server) => Load().GetValueOrDefault(Key(server)) is { } s ? (s.Id, s.User) : null;

    public static string Save(string server, long id, string token, string user)
    {
        var all = Load();
        all[Key(server)] = new Saved(id, token, user);
        Write(all);
        return FilePath;
    }

    public static void Forget(string server)
    {
        var all = Load();
        if (all.Remove(Key(server))) Write(all);
    }

    private static string Key(string server) => server.TrimEnd('/').ToLowerInvariant();

    private static Dictionary<string, Saved> Load()
    {
        try
        {
            return File.Exists(FilePath) ? JsonSerializer.Deserialize(File.ReadAllText(FilePath), CredentialsJsonContext.Default.DictionaryStringSaved) ?? [] : [];
        }
        catch (JsonException)
        {
            Console.Error.WriteLine(CliText.Get("login.badCredentialsFile", FilePath));
            return [];
        }
    }

    private static void Write(Dictionary<string, Saved> all)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var temporary = FilePath + ".tmp";
        // Created owner-only before the token is written into it.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
            JsonSerializer.Serialize(stream, all, CredentialsJsonContext.Default.DictionaryStringSaved);
        File.Move(temporary, FilePath, overwrite: true);
    }
}
