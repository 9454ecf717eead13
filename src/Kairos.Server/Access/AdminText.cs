namespace Kairos.Server.Access;

/// <summary>The texts of <c>kairos users</c>, in the language LANG names (Resources/AdminText.resx, AdminText.ko.resx).</summary>
internal static class AdminText
{
    private static readonly ResourceText Texts = new("Kairos.Server.Resources.AdminText", typeof(AdminText).Assembly);

    public static string Get(string key, params object?[] args) => Texts.Get(key, args);
}
