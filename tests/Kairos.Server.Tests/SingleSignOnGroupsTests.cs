using Kairos.Core.Access;
using Kairos.Server.Access;
using Microsoft.Extensions.Configuration;

namespace Kairos.Server.Tests;

/// <summary>Provider groups to role and owners, and the settings that cannot work, without a provider.</summary>
public sealed class SingleSignOnGroupsTests
{
    private static readonly SingleSignOnOptions Options = new()
    {
        Authority = "https://login.example",
        RoleGroups = new() { Admin = ["kairos-admins"], Operator = ["kairos-operators"], Viewer = ["staff"] },
        OwnerGroups = new() { ["team-settlement"] = "settlement", ["team-fx"] = "fx", ["fx-night"] = "fx" },
    };

    [Theory]
    [InlineData(new[] { "staff" }, Role.Viewer)]
    [InlineData(new[] { "staff", "kairos-operators" }, Role.Operator)]
    [InlineData(new[] { "kairos-operators", "kairos-admins", "staff" }, Role.Admin)]
    public void Map_GroupsOfSeveralRoles_HighestRoleWins(string[] groups, Role expected) =>
        Assert.Equal(expected, SingleSignOnGroups.Map(groups, Options)!.Role);

    [Theory]
    [InlineData("")]
    [InlineData("marketing,team-settlement")]
    [InlineData("Kairos-Operators")]
    public void Map_NoGroupMappedToARole_NoGrant(string groups) =>
        Assert.Null(SingleSignOnGroups.Map(groups.Split(',', StringSplitOptions.RemoveEmptyEntries), Options));

    [Fact]
    public void Map_OwnerGroups_GiveEachOwnerOnce_Sorted()
    {
        var grant = SingleSignOnGroups.Map(["kairos-operators", "team-settlement", "fx-night", "team-fx", "marketing"], Options)!;
        Assert.Equal(new[] { "fx", "settlement" }, grant.Owners);
    }

    [Fact]
    public void Map_OperatorInNoOwnerGroup_HasNoOwnerScope() => Assert.Empty(SingleSignOnGroups.Map(["kairos-operators"], Options)!.Owners);

    [Fact]
    public void EffectiveScopes_AlwaysOpenIdFirst_ProfileWhenNoneGiven()
    {
        Assert.Equal(new[] { "openid", "profile" }, new SingleSignOnOptions().EffectiveScopes);
        Assert.Equal(new[] { "openid", "groups" }, new SingleSignOnOptions { Scopes = ["groups", "openid"] }.EffectiveScopes);
    }

    [Fact]
    public void Read_NoAuthority_Off_AndNothingElseIsChecked() =>
        Assert.False(SingleSignOnSetup.Read(Settings(("Kairos:Access:OpenIdConnect:ClientId", "kairos"))).IsEnabled);

    [Fact]
    public void Read_SecretFile_WinsOverTheSetting_WithoutItsNewline()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "from-file\n");
        var options = SingleSignOnSetup.Read(Settings(Enabled, ("Kairos:Access:OpenIdConnect:ClientSecret", "from-settings"), ("Kairos:Access:OpenIdConnect:ClientSecretFile", file)));
        File.Delete(file);
        Assert.Equal("from-file", options.ClientSecret);
    }

    [Theory]
    [InlineData("Kairos:Access:OpenIdConnect:ClientSecretFile", "/no/such/secret", "does not exist")]
    [InlineData("Kairos:Access:OpenIdConnect:ClientId", "", "ClientId is required")]
    [InlineData("Kairos:Access:OpenIdConnect:RoleGroups:Viewer:0", null, "maps no group")]
    public void Read_SettingsThatCannotWork_StopTheStart(string key, string? value, string message)
    {
        var settings = value is null
            ? Settings(("Kairos:Access:OpenIdConnect:Authority", "https://login.example"), ("Kairos:Access:OpenIdConnect:ClientId", "kairos"))
            : Settings(Enabled, (key, value));
        Assert.Contains(message, Assert.Throws<InvalidOperationException>(() => SingleSignOnSetup.Read(settings)).Message, StringComparison.Ordinal);
    }

    private static readonly (string, string)[] Enabled =
    [
        ("Kairos:Access:OpenIdConnect:Authority", "https://login.example"),
        ("Kairos:Access:OpenIdConnect:ClientId", "kairos"),
        ("Kairos:Access:OpenIdConnect:RoleGroups:Viewer:0", "staff"),
    ];

    /// <summary>Settings from pairs; a later pair replaces an earlier one of the same key.</summary>
    private static IConfiguration Settings(params (string Key, string Value)[] pairs)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in pairs) values[key] = value;
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private static IConfiguration Settings((string, string)[] first, params (string Key, string Value)[] more) => Settings([.. first, .. more]);
}
