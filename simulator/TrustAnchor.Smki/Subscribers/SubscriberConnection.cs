namespace TrustAnchor.Smki;

/// <summary>How a request reaches the SMKI. Device CSRs only over a DCC Gateway connection (DP074).</summary>
public enum SubscriberConnection
{
    DccGateway,
    InternetPortal,
}
