using System.CommandLine;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kairos.Calendars.Client;
using Kairos.Client;
using Kairos.Client.Contracts;

namespace Kairos.Cli;

/// <summary>Runs one call against the server and turns every failure into a message on stderr and an exit code.</summary>
internal static class ServerCall
{
    private static readonly JsonSerializerOptions PrettyJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ContractJsonContext.Default, CalendarJsonContext.Default, PrintedJsonContext.Default),
    };

    public static async Task<int> RunAsync(ParseResult parse, Func<KairosClient, Task<int>> call)
    {
        var server = parse.GetValue(KairosCli.Server)!;
        using var http = CreateHttp(server, TimeSpan.FromSeconds(30));
        if (http is null) return ExitCodes.Usage;
        return await RunAsync(server, () => call(new KairosClient(http)));
    }

    /// <summary>Runs <paramref name="call"/> and maps refusals and unreachable servers to messages and exit codes.</summary>
    public static async Task<int> RunAsync(string server, Func<Task<int>> call)
    {
        try
        {
            return await call();
        }
        catch (KairosApiException e)
        {
            await Console.Error.WriteLineAsync($"kairos: {e.Message}");
            foreach (var (field, messages) in e.Errors)
                foreach (var message in messages) await Console.Error.WriteLineAsync($"  {field}: {message}");
            if (e.Status == HttpStatusCode.Unauthorized)
                await Console.Error.WriteLineAsync(CliText.Get("call.signInFirst", server));
            return e.Status switch
            {
                HttpStatusCode.NotFound => ExitCodes.NotFound,
                HttpStatusCode.Accepted => ExitCodes.AwaitingApproval,
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.NotAllowed,
                _ => ExitCodes.Refused,
            };
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync(CliText.Get("call.unreachable", server, e.Message));
            return ExitCodes.Unreachable;
        }
        catch (TaskCanceledException)
        {
            await Console.Error.WriteLineAsync(CliText.Get("call.timeout", server));
            return ExitCodes.Unreachable;
        }
    }

    /// <summary>An HttpClient for <paramref name="server"/> carrying the caller's API token; null (and a message) when it is not a URL.</summary>
    /// <remarks>It asks for Korean messages (Accept-Language) when the CLI speaks Korean.</remarks>
    public static HttpClient? CreateHttp(string server, TimeSpan timeout)
    {
        if (!Uri.TryCreate(server.EndsWith('/') ? server : server + "/", UriKind.Absolute, out var baseAddress))
        {
            Console.Error.WriteLine(CliText.Get("call.notUrl", server));
            return null;
        }
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = timeout };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("kairos-cli/1.0");
        if (Credentials.TokenFor(server) is { } token) http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(CliLanguage.IsKorean ? "ko-KR, ko;q=0.9, en;q=0.5" : "en");
        return http;
    }

    public static bool WantsJson(ParseResult parse) => parse.GetValue(KairosCli.Json);

    public static void PrintJson<T>(T value) =>
        Console.WriteLine(JsonSerializer.Serialize(value, (JsonTypeInfo<T>)PrettyJson.GetTypeInfo(typeof(T))));
}
