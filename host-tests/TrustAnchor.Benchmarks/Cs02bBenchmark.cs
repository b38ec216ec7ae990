using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.Storage;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Smki;
using FwCertificate = TrustAnchor.Firmware.Certificates.Certificate;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Benchmarks;

/// <summary>
/// CS02b supplierBySupplier replacing the Supplier DS, KA and KA top-up cells on an ESME, end to end through
/// <see cref="GbcsDevice.Process"/> (ACB MAC, signature, three certificate paths, one store commit, signed
/// response). Alternates between two suppliers so every run is a real change of credentials. Anchor: the same
/// ECDSA verifications done by .NET (OpenSSL) on the same frame and certificates.
/// </summary>
public sealed class Cs02bBenchmark : IBenchmark
{
    private const int Warmup = 400;
    private const int Runs = 41;

    public string Name => "cs02b";

    public void Run(TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), "trustanchor-bench-cs02b-" + Guid.NewGuid().ToString("N"));
        var issue = new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var pki = SmkiPki.Init(folder, new SmkiOptions { Clock = new TrustAnchor.Smki.FixedClock(issue) });
        try
        {
            Measure(pki, output);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void Measure(SmkiPki pki, TextWriter output)
    {
        byte[] eui = [0xAA, 0xBB, 0xCC, 0, 0, 0, 0, 1];
        var store = new TrustAnchorStore(new RamFlashStorage(4096, 4));
        store.Commit(PackState(pki));
        var entropy = new Entropy(7);
        var credentials = DeviceCredentials.Generate(entropy);
        var clock = new Clock { UtcNow = new DateTime(2025, 7, 1, 12, 0, 0, DateTimeKind.Utc) };
        var device = new GbcsDevice(new DeviceIdentity(eui, DeviceType.Esme), store, clock, entropy, credentials);

        // Two suppliers: the pack one and a new one; each command installs the other.
        var packDs = Party(pki, pki.PackCertificate(PackKind.Original2016, (int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature));
        var packKa = pki.PackCertificate(PackKind.Original2016, (int)FwRole.Supplier, SmkiKeyUsage.KeyAgreement).Der;
        byte[] newEntity = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77];
        var newDs = Party(pki, pki.IssueOrganisationCertificate((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature, newEntity, "bench supplier ds"));
        var newKa = pki.IssueOrganisationCertificate((int)FwRole.Supplier, SmkiKeyUsage.KeyAgreement, newEntity, "bench supplier ka").Der;
        var acb = pki.ExportPrivateKey(pki.PackCertificate(PackKind.Original2016, (int)FwRole.AccessControlBroker, SmkiKeyUsage.KeyAgreement).SubjectKeyId);

        var frames = new List<byte[]>();
        ulong counter = 1000;
        for (int i = 0; i < Warmup + Runs; i++)
        {
            var signer = i % 2 == 0 ? packDs : newDs;
            var (ds, ka) = i % 2 == 0 ? (newDs.Der, newKa) : (packDs.Der, packKa);
            frames.Add(Frame(eui, credentials, acb, signer, counter++, ds, ka, pki.IssuingOca.Der));
        }

        var micros = new List<double>();
        var allocs = new List<long>();
        int verifies = 0;
        for (int i = 0; i < frames.Count; i++)
        {
            int v0 = device.SignatureVerifications;
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            var result = device.Process(frames[i]);
            long t1 = Stopwatch.GetTimestamp();
            long a1 = GC.GetAllocatedBytesForCurrentThread();
            if (!device.LastDecision.Accepted || result.Alerts.Length != 0)
            {
                throw new InvalidOperationException("benchmark command refused: " + device.LastDecision);
            }

            if (i >= Warmup)
            {
                micros.Add((t1 - t0) * 1_000_000.0 / Stopwatch.Frequency);
                allocs.Add(a1 - a0);
                verifies = device.SignatureVerifications - v0;
            }
        }

        double anchor = AnchorMicros(frames[^1], pki, (frames.Count - 1) % 2 == 0 ? packDs.Key : newDs.Key);
        output.WriteLine($"cs02b-process: ours_us={Median(micros):F0} verifies={verifies} alloc_bytes={Median(allocs.Select(a => (double)a).ToList()):F0} anchor_dotnet_same_verifies_us={anchor:F0}");
    }

    /// <summary>.NET doing the ECDSA work of one command: the frame signature and each certificate with its issuer.</summary>
    private static double AnchorMicros(byte[] frame, SmkiPki pki, ECDsa signerKey)
    {
        var message = GbcsMessage.Parse(frame);
        var payload = UpdateSecurityCredentials.Parse(message);
        using var root = pki.RootOca.ToX509().GetECDsaPublicKey()!;
        using var issuing = pki.IssuingOca.ToX509().GetECDsaPublicKey()!;
        var issuingTbs = Tbs(pki.IssuingOca.Der, out var issuingSig);
        var leaves = payload.Replacements.Select(r => Tbs(r.Certificate.ToArray(), out var sig) is var tbs ? (tbs, sig) : default).ToArray();
        using var supplier = ECDsa.Create(signerKey.ExportParameters(false));
        var signed = frame.AsSpan(message.SignedBytesOffset, message.SignedBytesLength).ToArray();
        var signature = frame.AsSpan(message.SignatureOffset, 64).ToArray();

        var samples = new List<double>();
        for (int i = 0; i < Warmup + Runs; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            bool ok = true;
            ok &= supplier.VerifyData(signed, signature, HashAlgorithmName.SHA256);
            foreach (var (tbs, sig) in leaves)
            {
                ok &= issuing.VerifyData(tbs, sig, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
                ok &= root.VerifyData(issuingTbs, issuingSig, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            }

            long t1 = Stopwatch.GetTimestamp();
            if (!ok)
            {
                throw new InvalidOperationException("anchor verification failed");
            }

            if (i >= Warmup)
            {
                samples.Add((t1 - t0) * 1_000_000.0 / Stopwatch.Frequency);
            }
        }

        return Median(samples);
    }

    private static byte[] Tbs(byte[] der, out byte[] signature)
    {
        var c = FwCertificate.Parse(der);
        signature = der.AsSpan(c.SignatureOffset, c.SignatureLength).ToArray();
        return der.AsSpan(c.TbsOffset, c.TbsLength).ToArray();
    }

    private static byte[] Frame(byte[] eui, DeviceCredentials device, ECDsa acb, (byte[] EntityId, ECDsa Key, byte[] Der) signer,
        ulong counter, byte[] ds, byte[] ka, byte[] issuingOca)
    {
        var u = new UpdateSecurityCredentials
        {
            Mode = CredentialsReplacementMode.SupplierBySupplier,
            AuthorisingRemotePartyCell = new TrustAnchorCellIdentifier(FwRole.Supplier, TrustAnchorCellIdentifier.KeyUsageDigitalSignature, CellUsage.Management),
            AuthorisingRemotePartySeqNumber = counter,
            ApplyTimeBasedCpvChecks = UpdateSecurityCredentials.TimeChecksApply,
        };
        u.AddReplacement(ds, new TrustAnchorCellIdentifier(FwRole.Supplier, TrustAnchorCellIdentifier.KeyUsageDigitalSignature, CellUsage.Management));
        u.AddReplacement(ka, new TrustAnchorCellIdentifier(FwRole.Supplier, TrustAnchorCellIdentifier.KeyUsageKeyAgreement, CellUsage.Management));
        u.AddReplacement(ka, new TrustAnchorCellIdentifier(FwRole.Supplier, TrustAnchorCellIdentifier.KeyUsageKeyAgreement, CellUsage.PrePaymentTopUp));
        u.AddCertificationPathCertificate(issuingOca);

        var builder = GbcsMessageBuilder.Command(counter, signer.EntityId, eui, GbcsMessageCodes.UpdateSecurityCredentialsBase + (int)CredentialsReplacementMode.SupplierBySupplier);
        builder.SetContent(u.Encode());
        using var mine = ECDiffieHellman.Create(acb.ExportParameters(true));
        var pub = device.KeyAgreementKey.PublicKey;
        using var peer = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = pub.AsSpan(1, 32).ToArray(), Y = pub.AsSpan(33, 32).ToArray() },
        });
        var key = GbcsKdf.DeriveKey(mine.DeriveRawSecretAgreement(peer.PublicKey), GbcsKdf.BuildOtherInfo(signer.EntityId, GbcsCraFlag.Command, counter, eui));
        return builder.BuildWithMacKey(new Signer(signer.Key), key);
    }

    private static (byte[] EntityId, ECDsa Key, byte[] Der) Party(SmkiPki pki, CertificateRecord record) =>
        (record.EntityIdBytes(), pki.ExportPrivateKey(record.SubjectKeyId), record.Der);

    private static TrustAnchorState PackState(SmkiPki pki)
    {
        var cells = new List<TrustAnchorCell>();
        foreach (var id in CellSets.For(DeviceType.Esme))
        {
            if (id.Role == FwRole.Root)
            {
                var root = FwCertificate.Parse(pki.RootOca.Der);
                cells.Add(new TrustAnchorCell(id, new byte[8], root.SubjectKeyId, root.PublicKey));
                continue;
            }

            var usage = id.KeyUsage == TrustAnchorCellIdentifier.KeyUsageDigitalSignature ? SmkiKeyUsage.DigitalSignature : SmkiKeyUsage.KeyAgreement;
            var cert = FwCertificate.Parse(pki.PackCertificate(PackKind.Original2016, (int)id.Role, usage).Der);
            cells.Add(new TrustAnchorCell(id, cert.EntityId, cert.SubjectKeyId, cert.PublicKey));
        }

        return new TrustAnchorState(DeviceType.Esme, cells.ToArray());
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private sealed class Clock : IDeviceClock
    {
        public DateTime UtcNow { get; set; }
    }

    private sealed class Entropy : IEntropySource
    {
        private readonly Random random;

        public Entropy(int seed) => random = new Random(seed);

        public void GetBytes(byte[] buffer, int offset, int count) => random.NextBytes(buffer.AsSpan(offset, count));
    }

    private sealed class Signer : IGbcsSigner
    {
        private readonly ECDsa key;

        public Signer(ECDsa key) => this.key = key;

        public void Sign(byte[] hash32, byte[] signatureOut64, int offset) =>
            key.SignHash(hash32, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).CopyTo(signatureOut64, offset);
    }
}
