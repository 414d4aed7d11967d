using System.Xml.Linq;
using Likeness.Workspace.KeyRing;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Likeness.Server.Auth;

/// <summary>
/// Data protection's key ring in the workspace database (<see cref="KeyRingStore"/>) instead of each node's profile
/// folder: every node signs and reads session cookies and antiforgery tokens with the same keys, so a browser signed
/// in on one node is signed in on all of them behind a load balancer.
/// </summary>
internal sealed class DatabaseXmlRepository(KeyRingStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => [.. store.ReadAll().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        store.Add(friendlyName, element.ToString(SaveOptions.DisableFormatting));
    }
}
