using System.Globalization;
using System.Resources;

namespace Kairos.Server.Access;

/// <summary>The texts of <c>kairos users</c>, in the language LANG names (Resources/AdminText.resx, AdminText.ko.resx).</summary>
internal static class AdminText
{
    private static readonly ResourceManager Resources = new("Kairos.Server.Resources.AdminText", typeof(AdminText).Assembly);

    public static string Get(string key, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Resources.GetString(key, CultureInfo.CurrentUICulture) ?? throw new KeyNotFoundException($"no admin text '{key}'"), args);
}
