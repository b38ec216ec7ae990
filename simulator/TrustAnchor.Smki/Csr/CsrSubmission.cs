namespace TrustAnchor.Smki;

/// <summary>Who sends a CSR and over which connection (defaults to the subscriber's own connection).</summary>
public sealed record CsrSubmission(string Subscriber, SubscriberConnection? Via = null);
