using TrustAnchor.Smki;

namespace TrustAnchor.Simulator.Dcc;

/// <summary>The DCC as a Relying Party: it sends nothing that depends on a certificate its CRL or ARL revokes.</summary>
public static class RelyingParty
{
    /// <summary>Why the DCC must not send a command that depends on these certificates, or null.</summary>
    public static string? Refusal(DccEnvironment dcc, IEnumerable<(string What, CertificateRecord? Certificate)> dependsOn)
    {
        var issuingOca = dcc.Smki.IssuingOca;
        foreach (var (what, certificate) in dependsOn)
        {
            if (certificate is not null && dcc.Revocation.RefusalFor(certificate, issuingOca) is { } reason)
            {
                return $"{what} cannot be relied on: {reason}";
            }
        }

        return null;
    }

    /// <summary>The usual dependency of a command: the signer's DS certificate and the ACB's KA certificate.</summary>
    public static string? Refusal(DccEnvironment dcc, RemoteParty signer, RemoteParty acb) =>
        Refusal(dcc, [($"{Scenarios.PartyNames.Display(signer.Name)}'s DS certificate", signer.DigitalSignature), ("the ACB's KA certificate", acb.KeyAgreement)]);
}
