namespace Kairos.Definitions;

/// <summary>
/// What is wrong with a definition, in the current UI culture (Resources/DefinitionText.resx, .ko.resx): the request's
/// Accept-Language on the server, LANG or --lang in the CLI. Field names and file:line stay as they are in every language.
/// </summary>
public static class DefinitionText
{
    private static readonly ResourceText Texts = new("Kairos.Definitions.Resources.DefinitionText", typeof(DefinitionText).Assembly);

    public static string Get(string key, params object?[] args) => Texts.Get(key, args);
}
