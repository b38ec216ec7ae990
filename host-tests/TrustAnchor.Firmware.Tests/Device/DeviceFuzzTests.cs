using TrustAnchor.Firmware.Tests.Support;
using Xunit.Abstractions;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Smki;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Firmware.Tests.Device;

/// <summary>
/// At least 100,000 mutated frames through <see cref="GbcsDevice.Process"/>: nothing escapes, and the store
/// (its flash image) changes only when the frame is a valid command the device had not yet seen.
/// </summary>
public class DeviceFuzzTests
{
    private readonly ITestOutputHelper output;

    public DeviceFuzzTests(ITestOutputHelper output) => this.output = new EvidenceOutput(output, "device fuzz");

    private const int Frames = 100_000;

    [Fact]
    [Trait("Category", "Long")]
    public void MutatedFramesNeverThrowAndNeverChangeStateUnlessValid()
    {
        var pki = DeviceTestPki.Shared;
        var dev = new TestDevice(DeviceType.Esme);
        var bases = BaseFrames(dev, pki);
        var random = new Random(0xF022);
        var snapshot = dev.Snapshot();
        int accepted = 0, mutatedAccepted = 0;
        var steps = new int[ProcessingStep.UnsupportedMessageCode + 1];

        for (int i = 0; i < Frames; i++)
        {
            var original = bases[random.Next(bases.Length)];
            var frame = Mutate(original, random);
            var output = dev.Process(frame);
            output.Should().NotBeNull();
            var decision = dev.Device.LastDecision;
            steps[decision.Step]++;
            var after = dev.Snapshot();
            if (decision.StateChanged)
            {
                accepted++;
                if (!frame.AsSpan().SequenceEqual(original))
                {
                    mutatedAccepted++;
                }

                snapshot = after;
            }
            else if (!after.AsSpan().SequenceEqual(snapshot))
            {
                Assert.Fail($"frame {i} changed the store without being accepted: {decision}");
            }
        }

        output.WriteLine($"{Frames} mutated frames through GbcsDevice.Process: {accepted} accepted (unmodified valid frames), {mutatedAccepted} mutated accepted, decisions by processing step: {string.Join(", ", steps.Select((count, step) => step + ":" + count))}");
        mutatedAccepted.Should().Be(0, "only an unmodified valid frame may change the store");
        accepted.Should().BeLessOrEqualTo(bases.Length, "each valid frame is accepted at most once; copies are replays");
        // The mutations reach every stage of the pipeline, not just the parser.
        steps[ProcessingStep.Framing].Should().BeGreaterThan(0);
        steps[ProcessingStep.Mac].Should().BeGreaterThan(0);
        steps[ProcessingStep.Payload].Should().BeGreaterThan(0);
        (steps[ProcessingStep.Signature] + steps[ProcessingStep.AntiReplay] + steps[ProcessingStep.Authority]).Should().BeGreaterThan(0);
    }

    /// <summary>
    /// Mutated payloads inside correctly MACed and signed frames with fresh counters, so the mutations reach payload
    /// parsing, certificate validation and execution. Whatever the device decides, it either accepts (and commits)
    /// or changes nothing.
    /// </summary>
    [Fact]
    [Trait("Category", "Long")]
    public void AuthenticFramesWithMutatedPayloadsEitherApplyCompletelyOrChangeNothing()
    {
        var pki = DeviceTestPki.Shared;
        var dev = new TestDevice(DeviceType.Esme);
        var random = new Random(0xA07);
        var supplier = pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);
        var recovery = pki.Pack((int)FwRole.Recovery, SmkiKeyUsage.DigitalSignature);
        var c2 = Cs02bModeTable.Cases[2];
        var c8 = Cs02bModeTable.Cases[8];
        (byte[], TrustAnchorCellIdentifier)[] supplierKa = [(pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.KeyAgreement).CertificateDer, Cs02bModeTable.Cell(FwRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08))];
        (byte[], TrustAnchorCellIdentifier)[] noKa = [(pki.Pack((int)FwRole.NetworkOperator, SmkiKeyUsage.KeyAgreement).CertificateDer, Cs02bModeTable.Cell(FwRole.NetworkOperator, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08))];
        ulong counter = 1000;
        int accepted = 0, validated = 0;
        var snapshot = dev.Snapshot();
        for (int i = 0; i < 1500; i++)
        {
            counter++;
            bool useSupplier = random.Next(2) == 0;
            var clean = useSupplier
                ? Cs02bModeTable.Payload(c2, Cs02bModeTable.Cell(FwRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80), counter, supplierKa)
                : Cs02bModeTable.Payload(c8, Cs02bModeTable.Cell(FwRole.Recovery, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80), counter, noKa);
            var payload = Mutate(clean, random);
            var frame = useSupplier
                ? dev.Command(c2.MessageCode, payload, counter, supplier.EntityId, supplier.Key, mac: true)
                : dev.Command(c8.MessageCode, payload, counter, recovery.EntityId, recovery.Key, mac: false);
            dev.Process(frame);
            var decision = dev.Device.LastDecision;
            var after = dev.Snapshot();
            if (decision.Step == ProcessingStep.Validation)
            {
                validated++;
            }

            if (decision.StateChanged)
            {
                decision.Accepted.Should().BeTrue();
                accepted++;
                snapshot = after;
            }
            else
            {
                after.Should().Equal(snapshot, $"frame {i} was refused ({decision}) but the store changed");
            }
        }

        accepted.Should().BeGreaterThan(0, "some mutations keep the payload valid");
        validated.Should().BeGreaterThan(0, "some mutated payloads must reach certificate validation");
    }

    /// <summary>Valid commands of each framing: ACB MAC + signature, MAC only, signature only; CS02a and CS02b.</summary>
    private static byte[][] BaseFrames(TestDevice dev, DeviceTestPki pki)
    {
        var frames = new List<byte[]>();
        var supplier = pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);
        var acb = pki.Pack((int)FwRole.AccessControlBroker, SmkiKeyUsage.KeyAgreement);
        var recovery = pki.Pack((int)FwRole.Recovery, SmkiKeyUsage.DigitalSignature);
        var no = pki.Pack((int)FwRole.NetworkOperator, SmkiKeyUsage.DigitalSignature);

        // Same-key supplier KA replacement (keeps the base frames valid against each other's effects).
        var c2 = Cs02bModeTable.Cases[2];
        var supplierKa = new[] { (pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.KeyAgreement).CertificateDer, Cs02bModeTable.Cell(FwRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08)) };
        frames.Add(Cs02bModeTable.Frame(dev, c2, supplier, 150, supplierKa));

        var c4 = Cs02bModeTable.Cases[4];
        var acbKa = new[] { (acb.CertificateDer, Cs02bModeTable.Cell(FwRole.AccessControlBroker, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08)) };
        frames.Add(Cs02bModeTable.Frame(dev, c4, acb, 150, acbKa));

        var c8 = Cs02bModeTable.Cases[8];
        var noKa = new[] { (pki.Pack((int)FwRole.NetworkOperator, SmkiKeyUsage.KeyAgreement).CertificateDer, Cs02bModeTable.Cell(FwRole.NetworkOperator, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x08)) };
        frames.Add(Cs02bModeTable.Frame(dev, c8, recovery, 150, noKa));

        var details = new ProvideSecurityCredentialsDetails(Cs02bModeTable.Cell(FwRole.NetworkOperator, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80), [FwRole.Supplier, FwRole.Root]).Encode();
        frames.Add(dev.Command(GbcsMessageCodes.ProvideSecurityCredentialsDetails, details, 150, no.EntityId, no.Key, mac: true));
        return frames.ToArray();
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var data = new List<byte>(original);
        int edits = 1 + random.Next(3);
        for (int e = 0; e < edits && data.Count > 0; e++)
        {
            int at = random.Next(data.Count);
            switch (random.Next(7))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[at] = (byte)random.Next(256);
                    break;
                case 2:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(16)));
                    break;
                case 3:
                    data.Insert(at, (byte)random.Next(256));
                    break;
                case 4:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 5:
                    // Header region: lengths, counter, ids, message code.
                    int h = random.Next(Math.Min(data.Count, 48));
                    data[h] = (byte)random.Next(256);
                    break;
                default:
                    // Interesting values into a random place (lengths 0x00/0x7F/0x80/0x81/0xFF).
                    byte[] values = [0x00, 0x7F, 0x80, 0x81, 0x82, 0xFF];
                    data[at] = values[random.Next(values.Length)];
                    break;
            }
        }

        return data.ToArray();
    }
}
