namespace TrustAnchor.Smki;

/// <summary>An Authorised Subscriber (SEC L3): who may send CSRs, for which roles, and how.</summary>
public sealed class AuthorisedSubscriber
{
    /// <summary>Unique name of the organisation, e.g. "Supplier A".</summary>
    public required string Organisation { get; init; }

    /// <summary>Remote Party Roles it may request Organisation Certificates for.</summary>
    public int[] Roles { get; init; } = [];

    /// <summary>Completed the User Entry Process Tests (needed for Device CSRs).</summary>
    public bool EntryTestsCompleted { get; set; }

    /// <summary>The connection it has to the SMKI.</summary>
    public SubscriberConnection Connection { get; set; } = SubscriberConnection.DccGateway;

    /// <summary>May send Device CSRs at all (e.g. a manufacturer or a supplier).</summary>
    public bool MayRequestDeviceCertificates { get; init; } = true;
}
