using System.Security.Cryptography.X509Certificates;
using TrustAnchor.Simulator.Expectations;
using TrustAnchor.Simulator.Premises;
using TrustAnchor.Simulator.Scenarios;
using TrustAnchor.Smki;

namespace TrustAnchor.Simulator.Steps;

/// <summary>
/// What the SMKI does during a scenario, and the DCC reads: the MP261 re-issue of the pack's certificates,
/// revocation published on a CRL or ARL, and a party re-issued with new keys.
/// </summary>
public sealed class SmkiSteps
{
    /// <summary>MP261: the recovery, transitionalCoS, wanProvider and ACB certificates re-issued with the same keys.</summary>
    public StepOutcome ReissuePack(SmartMeteringSystem premises)
    {
        var dcc = premises.Dcc;
        dcc.Parties.CurrentPack = PackKind.Mp261;
        var old = dcc.Smki.PackCertificates(PackKind.Original2016);
        var reissued = dcc.Smki.PackCertificates(PackKind.Mp261);
        var failures = new List<string>();
        var changed = 0;
        foreach (var (cell, certificate) in reissued)
        {
            var before = old.First(o => o.Cell == cell).Certificate;
            if (before.Serial == certificate.Serial)
            {
                continue;
            }

            changed++;
            if (before.SubjectKeyId != certificate.SubjectKeyId)
            {
                failures.Add($"{cell.PartyName} keeps its key (SKI {before.SubjectKeyId}, got {certificate.SubjectKeyId})");
            }
        }

        var validTo = reissued.Where(r => RemotePartyRole.IsMp261Role(r.Cell.Role)).Select(r => r.Certificate.NotAfter).DefaultIfEmpty().Max();
        return new StepOutcome($"MP261: {changed} certificates re-issued with the same keys, valid to {validTo:yyyy-MM-dd}", failures);
    }

    /// <summary>The SMKI revokes a party's Organisation Certificates (or the Issuing OCA); the DCC reads the CRL (ARL).</summary>
    public StepOutcome RevokeCertificate(SmartMeteringSystem premises, ScenarioStep step)
    {
        var dcc = premises.Dcc;
        var smki = dcc.Smki;
        var failures = new List<string>();
        if (step.Party == PartyNames.IssuingOca)
        {
            var ca = smki.IssuingOca;
            var already = smki.IsRevoked(ca.Serial);
            if (!already)
            {
                smki.Revoke(ca.Serial, X509RevocationReason.CACompromise);
            }

            var arl = dcc.Revocation.Accept(smki.IssueArl(), smki.RootOca, isArl: true);
            if (!arl.Serials.Contains(ca.Serial.ToUpperInvariant()))
            {
                failures.Add($"ARL #{arl.Number} lists the Issuing OCA {ca.Serial}");
            }

            return new StepOutcome($"Issuing OCA {ca.Serial} revoked{(already ? " (earlier)" : "")}; the DCC read ARL #{arl.Number} from the Repository (signed by the Root OCA, {arl.Serials.Count} entr{(arl.Serials.Count == 1 ? "y" : "ies")})", failures);
        }

        var party = dcc.Parties.Get(step.Party!);
        var certificates = new List<(string Usage, CertificateRecord Certificate)>();
        if (step.KeyUsage is null or "ds" && party.DigitalSignature is { } ds)
        {
            certificates.Add(("DS", ds));
        }

        if (step.KeyUsage is null or "ka" && party.KeyAgreement is { } ka)
        {
            certificates.Add(("KA", ka));
        }

        if (certificates.Count == 0)
        {
            return new StepOutcome($"{PartyNames.Display(party.Name)} has no {step.KeyUsage?.ToUpperInvariant()} certificate", [$"a certificate of {party.Name} to revoke"]);
        }

        foreach (var (_, certificate) in certificates)
        {
            if (!smki.IsRevoked(certificate.Serial))
            {
                smki.Revoke(certificate.Serial, X509RevocationReason.KeyCompromise);
            }
        }

        var crl = dcc.Revocation.Accept(smki.IssueCrl(), smki.IssuingOca, isArl: false);
        foreach (var (usage, certificate) in certificates)
        {
            if (!crl.Serials.Contains(certificate.Serial.ToUpperInvariant()))
            {
                failures.Add($"CRL #{crl.Number} lists {party.Name}'s {usage} certificate {certificate.Serial}");
            }
        }

        var what = string.Join(", ", certificates.Select(c => $"{c.Usage} {c.Certificate.Serial}"));
        return new StepOutcome($"{PartyNames.Display(party.Name)}'s Organisation Certificate{(certificates.Count == 1 ? "" : "s")} ({what}) revoked; the DCC read CRL #{crl.Number} from the Repository (signed by the Issuing OCA, {crl.Serials.Count} entr{(crl.Serials.Count == 1 ? "y" : "ies")})", failures);
    }

    /// <summary>The SMKI issues a party new Organisation Certificates with new keys and the same Entity Identifier.</summary>
    public StepOutcome ReissueCertificates(SmartMeteringSystem premises, ScenarioStep step)
    {
        var dcc = premises.Dcc;
        var (party, _) = dcc.Parties.Reissue(step.Party!);
        var failures = new List<string>();
        var parts = new List<string>();
        foreach (var (usage, certificate) in new[] { ("DS", party.DigitalSignature), ("KA", party.KeyAgreement) })
        {
            if (certificate is null)
            {
                continue;
            }

            var verdict = dcc.Smki.CheckCertificate(certificate.Der);
            if (!verdict.IsTrusted)
            {
                failures.Add($"the re-issued {usage} certificate is trusted ({verdict.Reason})");
            }

            parts.Add($"{usage} {certificate.Serial} (SKI {certificate.SubjectKeyId})");
        }

        return new StepOutcome($"{PartyNames.Display(party.Name)} re-issued with new keys, same Entity Identifier {party.EntityIdHex}: {string.Join(", ", parts)}", failures);
    }
}
