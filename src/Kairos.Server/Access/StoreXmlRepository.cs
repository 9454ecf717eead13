using System.Xml.Linq;
using Kairos.Core.Ports;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Kairos.Server.Access;

/// <summary>
/// Keeps the keys that protect session cookies and CSRF tokens in the store, so every node sharing the store accepts
/// every node's sessions, and a restart does not sign everyone out. Key operations are rare, hence the blocking calls.
/// </summary>
internal sealed class StoreXmlRepository(IKairosStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        store.Users.ProtectionKeysAsync().GetAwaiter().GetResult().Select(k => XElement.Parse(k.Xml)).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        store.Users.SaveProtectionKeyAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
}
