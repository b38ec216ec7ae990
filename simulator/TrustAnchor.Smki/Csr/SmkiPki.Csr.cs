using System.Security.Cryptography;

namespace TrustAnchor.Smki;

public sealed partial class SmkiPki
{
    /// <summary>
    /// PKCS#10 in, certificate out. The CSR's signature is verified and the profile enforced. A CSR whose subject
    /// names a Remote Party Role (OU) is an Organisation CSR; any other is a Device CSR, which needs a subscriber
    /// that completed the entry tests, sending over a DCC Gateway connection (DP074), and a requested
    /// hardwareModuleName and keyUsage. L11.4 (duplicate keys) and its MP261 exception apply.
    /// </summary>
    /// <exception cref="SmkiException">with the reason for any refusal.</exception>
    public CertificateRecord ProcessCsr(byte[] pkcs10, CsrSubmission submission)
    {
        lock (gate)
        {
            var subscriber = FindSubscriberLocked(submission.Subscriber);
            var csr = CsrReader.Read(pkcs10);
            return csr.IsOrganisationRequest
                ? IssueFromOrganisationCsr(csr, subscriber)
                : IssueFromDeviceCsr(csr, subscriber, submission.Via ?? subscriber.Connection, null, null);
        }
    }

    /// <summary>
    /// A Device CSR where the Device identifier and key usage may come from the caller (e.g. the service
    /// request around a CS02c response) instead of the CSR; if the CSR carries them too, they must agree.
    /// </summary>
    public CertificateRecord ProcessDeviceCsr(byte[] pkcs10, CsrSubmission submission, byte[]? deviceId = null, SmkiKeyUsage? keyUsage = null)
    {
        lock (gate)
        {
            var subscriber = FindSubscriberLocked(submission.Subscriber);
            CheckDeviceSubmission(subscriber, submission.Via ?? subscriber.Connection);
            var csr = CsrReader.Read(pkcs10);
            if (csr.IsOrganisationRequest)
            {
                throw new SmkiException(SmkiErrorCode.ProfileViolation, "a Device CSR must not name a Remote Party Role in its subject");
            }

            return IssueFromDeviceCsr(csr, subscriber, submission.Via ?? subscriber.Connection, deviceId, keyUsage);
        }
    }

    /// <summary>
    /// A Batched CSR: 1 to <see cref="SmkiOptions.MaxBatchSize"/> (50,000) Device CSRs from one subscriber, signed
    /// in parallel across cores. The whole batch is refused (exception) for its size, the subscriber or the
    /// connection; a single bad CSR is refused on its own (<see cref="BatchItemResult.Error"/>) and the rest issued.
    /// </summary>
    public BatchResult ProcessBatch(IReadOnlyList<byte[]> csrs, CsrSubmission submission, IProgress<int>? progress = null)
    {
        var max = index.Options.MaxBatchSize;
        if (csrs.Count < 1 || csrs.Count > max)
        {
            throw new SmkiException(SmkiErrorCode.BatchSizeOutOfRange, $"a Batched CSR holds 1 to {max:N0} Device CSRs; this one has {csrs.Count:N0}");
        }

        lock (gate)
        {
            var subscriber = FindSubscriberLocked(submission.Subscriber);
            CheckDeviceSubmission(subscriber, submission.Via ?? subscriber.Connection);
            var notBefore = Clock.UtcNow;
            CheckIssuingDcaValidAt(notBefore);
            var n = csrs.Count;
            var parsed = new ParsedCsr?[n];
            var results = new BatchItemResult?[n];

            Parallel.For(0, n, i =>
            {
                try
                {
                    var csr = CsrReader.Read(csrs[i]);
                    CheckDeviceCsrProfile(csr, null, null);
                    parsed[i] = csr;
                }
                catch (SmkiException e)
                {
                    results[i] = new BatchItemResult(i, null, e.Code, e.Message);
                }
            });

            // L11.4 against the repository and within the batch; serials unique across both.
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var serials = new byte[n][];
            var serialSet = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < n; i++)
            {
                if (parsed[i] is not { } csr)
                {
                    continue;
                }

                var hex = Convert.ToHexString(csr.PublicKey);
                if (repository.FindByPublicKey(CertificateKind.Device, hex).Count > 0 || !keys.Add(hex))
                {
                    results[i] = new BatchItemResult(i, null, SmkiErrorCode.DuplicatePublicKey, "L11.4: the public key is already in another Device Certificate");
                    parsed[i] = null;
                    continue;
                }

                do
                {
                    serials[i] = NewSerial();
                }
                while (!serialSet.Add(Convert.ToHexString(serials[i])));
            }

            var pkcs8 = IssuingDcaKey().ExportPkcs8PrivateKey();
            _ = IssuingDcaName; // read the issuer name once before the workers use it
            var done = 0;
            var records = new CertificateRecord?[n];
            Parallel.For(
                0,
                n,
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                () =>
                {
                    // One key object per worker: a private key is not shared across threads while signing.
                    var key = ECDsa.Create();
                    key.ImportPkcs8PrivateKey(pkcs8, out _);
                    return key;
                },
                (i, _, key) =>
                {
                    if (parsed[i] is { } csr)
                    {
                        records[i] = SignDevice(key, csr.Key!, csr.PublicKey, csr.HardwareModuleSerial!, csr.KeyUsage!.Value, notBefore, subscriber.Organisation, null, false, serials[i]);
                    }

                    var count = Interlocked.Increment(ref done);
                    if (progress is not null && (count % 500 == 0 || count == n))
                    {
                        progress.Report(count);
                    }

                    return key;
                },
                key => key.Dispose());

            var issued = new List<CertificateRecord>(n);
            for (var i = 0; i < n; i++)
            {
                if (records[i] is { } record)
                {
                    issued.Add(record);
                    results[i] = new BatchItemResult(i, record, null, null);
                }
            }

            Commit(issued);
            return new BatchResult(results.Select(r => r!).ToList());
        }
    }

    private CertificateRecord IssueFromOrganisationCsr(ParsedCsr csr, AuthorisedSubscriber subscriber)
    {
        var role = csr.Role!.Value;
        if (!subscriber.Roles.Contains(role))
        {
            throw new SmkiException(SmkiErrorCode.RoleNotAuthorised, $"'{subscriber.Organisation}' is not authorised for role {RemotePartyRole.Name(role)}");
        }

        if (csr.EntityId is null)
        {
            throw new SmkiException(SmkiErrorCode.ProfileViolation, "an Organisation CSR subject needs an x500UniqueIdentifier (the Entity Identifier)");
        }

        if (csr.KeyUsage is not { } keyUsage)
        {
            throw new SmkiException(SmkiErrorCode.ProfileViolation, "an Organisation CSR must request keyUsage with exactly one of digitalSignature or keyAgreement");
        }

        if (csr.HardwareModuleSerial is not null)
        {
            throw new SmkiException(SmkiErrorCode.ProfileViolation, "an Organisation CSR must not request a hardwareModuleName");
        }

        var record = IssueOrganisationCore(role, keyUsage, csr.EntityId, csr.CommonName, csr.PublicKey, null, null, subscriber.Organisation, null, null);
        return record;
    }

    private CertificateRecord IssueFromDeviceCsr(ParsedCsr csr, AuthorisedSubscriber subscriber, SubscriberConnection via, byte[]? deviceId, SmkiKeyUsage? keyUsage)
    {
        CheckDeviceSubmission(subscriber, via);
        CheckDeviceCsrProfile(csr, deviceId, keyUsage);
        CheckDuplicateKey(CertificateKind.Device, Convert.ToHexString(csr.PublicKey), -1);
        var now = Clock.UtcNow;
        CheckIssuingDcaValidAt(now);
        var record = SignDevice(IssuingDcaKey(), csr.Key!, csr.PublicKey, deviceId ?? csr.HardwareModuleSerial!, keyUsage ?? csr.KeyUsage!.Value, now, subscriber.Organisation, null, false);
        Commit([record]);
        return record;
    }

    /// <summary>DP074 and the User Entry Process Tests: who may send Device CSRs, and how.</summary>
    private static void CheckDeviceSubmission(AuthorisedSubscriber subscriber, SubscriberConnection via)
    {
        if (!subscriber.MayRequestDeviceCertificates)
        {
            throw new SmkiException(SmkiErrorCode.RoleNotAuthorised, $"'{subscriber.Organisation}' may not request Device Certificates");
        }

        if (via != SubscriberConnection.DccGateway || subscriber.Connection != SubscriberConnection.DccGateway)
        {
            throw new SmkiException(SmkiErrorCode.DeviceCsrOverPortal, $"DP074: Device CSRs are accepted only over a DCC Gateway connection, not the internet portal ('{subscriber.Organisation}' sent via {via}, connected via {subscriber.Connection})");
        }

        if (!subscriber.EntryTestsCompleted)
        {
            throw new SmkiException(SmkiErrorCode.EntryTestsNotCompleted, $"'{subscriber.Organisation}' has not completed the User Entry Process Tests, so may not send Device CSRs");
        }
    }

    private static void CheckDeviceCsrProfile(ParsedCsr csr, byte[]? deviceId, SmkiKeyUsage? keyUsage)
    {
        if (csr.IsOrganisationRequest)
        {
            throw new SmkiException(SmkiErrorCode.ProfileViolation, "a Batched CSR is for Device Certificates only; this CSR names a Remote Party Role");
        }

        if (csr.HasKeyUsageRequest && csr.KeyUsage is null)
        {
            throw new SmkiException(SmkiErrorCode.ProfileViolation, "a Device CSR must request exactly one of digitalSignature or keyAgreement");
        }

        if (keyUsage is not null && csr.KeyUsage is not null && keyUsage != csr.KeyUsage)
        {
            throw new SmkiException(SmkiErrorCode.ProfileViolation, $"the CSR requests {csr.KeyUsage} but {keyUsage} was asked for");
        }

        if ((keyUsage ?? csr.KeyUsage) is null)
        {
            throw new SmkiException(SmkiErrorCode.ProfileViolation, "a Device CSR needs a key usage (digitalSignature or keyAgreement)");
        }

        if (deviceId is not null && csr.HardwareModuleSerial is not null && !deviceId.AsSpan().SequenceEqual(csr.HardwareModuleSerial))
        {
            throw new SmkiException(SmkiErrorCode.ProfileViolation, "the CSR's hardwareModuleName differs from the Device identifier given");
        }

        var id = deviceId ?? csr.HardwareModuleSerial;
        if (id is null || id.Length != 8)
        {
            throw new SmkiException(SmkiErrorCode.ProfileViolation, "a Device CSR needs the Device's EUI-64 (8 bytes) as hardwareModuleName hwSerialNum");
        }
    }
}
