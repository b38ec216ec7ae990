using System.Security.Cryptography;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.Provisioning;
using TrustAnchor.Firmware.Storage;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Smki;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Firmware.Tests.Device;

public sealed class TestClock : IDeviceClock
{
    public TestClock(DateTime now) => UtcNow = now;

    public DateTime UtcNow { get; set; }
}

/// <summary>Deterministic entropy for reproducible device keys.</summary>
public sealed class SeededEntropy : IEntropySource
{
    private readonly Random random;

    public SeededEntropy(int seed) => random = new Random(seed);

    public void GetBytes(byte[] buffer, int offset, int count) => random.NextBytes(buffer.AsSpan(offset, count));
}

/// <summary>Signs as a host party with .NET ECDsa (raw r||s).</summary>
public sealed class HostSigner : IGbcsSigner
{
    private readonly ECDsa key;

    public HostSigner(ECDsa key) => this.key = key;

    public void Sign(byte[] hash32, byte[] signatureOut64, int offset)
    {
        var signature = key.SignHash(hash32, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        signature.CopyTo(signatureOut64, offset);
    }
}

/// <summary>A provisioned device (store in RAM flash, pack cells, test clock) and helpers to talk to it.</summary>
public sealed class TestDevice
{
    /// <summary>Every Known Remote Party's sequence number on a fresh test device.</summary>
    public const ulong InitialSequenceNumber = 100;

    private static int nextSeed = 1;

    public TestDevice(DeviceType deviceType, byte[]? eui = null, DeviceTestPki? pki = null, ISymmetricCryptoProvider? crypto = null)
    {
        Pki = pki ?? DeviceTestPki.Shared;
        DeviceType = (int)deviceType;
        Eui = eui ?? [0xAA, 0xBB, 0xCC, 0x00, 0x00, 0x00, 0x00, (byte)deviceType];
        Flash = new RamFlashStorage(4096, 4);
        Store = new TrustAnchorStore(Flash);
        // Factory provisioning from the SMKI's 2016 manufacturing pack, then every counter moved to a known value.
        FactoryProvisioning.Provision(Store, Pki.Pack2016, deviceType);
        var state = Store.Current.Clone();
        for (int i = 0; i < state.RemotePartyCount; i++)
        {
            state.SetSequenceNumber(state.GetRemotePartyRole(i), InitialSequenceNumber);
        }

        Store.Commit(state);
        Clock = new TestClock(DeviceTestPki.DeviceTime);
        int seed = Interlocked.Increment(ref nextSeed);
        Credentials = DeviceCredentials.Generate(new SeededEntropy(seed));
        Device = crypto is null
            ? new GbcsDevice(new DeviceIdentity(Eui, deviceType), Store, Clock, new SeededEntropy(seed + 1000), Credentials)
            : new GbcsDevice(new DeviceIdentity(Eui, deviceType), Store, Clock, new SeededEntropy(seed + 1000), Credentials, crypto);
    }

    public DeviceTestPki Pki { get; }

    public int DeviceType { get; }

    public byte[] Eui { get; }

    public RamFlashStorage Flash { get; }

    public TrustAnchorStore Store { get; }

    public TestClock Clock { get; }

    public DeviceCredentials Credentials { get; }

    public GbcsDevice Device { get; }

    public DeviceOutput Process(byte[] frame) => Device.Process(frame);

    /// <summary>The flash image: the strongest "store untouched" evidence.</summary>
    public byte[] Snapshot() => Flash.ToArray();

    /// <summary>Checks a frame's Grouping Header signature with .NET (independent of the firmware's ECDSA).</summary>
    public static bool VerifyFrameSignature(GbcsMessage message, byte[] publicKey65)
    {
        if (!message.HasSignature)
        {
            return false;
        }

        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = publicKey65.AsSpan(1, 32).ToArray(), Y = publicKey65.AsSpan(33, 32).ToArray() },
        });
        var signed = message.Frame.AsSpan(message.SignedBytesOffset, message.SignedBytesLength);
        return key.VerifyData(signed, message.Frame.AsSpan(message.SignatureOffset, 64), HashAlgorithmName.SHA256);
    }

    /// <summary>The ACB MAC key for a command to this device, derived host-side with .NET ECDH.</summary>
    public byte[] MacKey(ECDsa acbKeyAgreementKey, byte[] originator, ulong counter)
    {
        using var mine = ECDiffieHellman.Create(acbKeyAgreementKey.ExportParameters(true));
        var pub = Credentials.KeyAgreementKey.PublicKey;
        using var peer = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = pub.AsSpan(1, 32).ToArray(), Y = pub.AsSpan(33, 32).ToArray() },
        });
        var z = mine.DeriveRawSecretAgreement(peer.PublicKey);
        return GbcsKdf.DeriveKey(z, GbcsKdf.BuildOtherInfo(originator, GbcsCraFlag.Command, counter, Eui));
    }

    /// <summary>
    /// A command frame to this device: signed by <paramref name="signer"/> when given, with the ACB MAC (by the pack
    /// ACB, or <paramref name="macBy"/>) when <paramref name="mac"/>.
    /// </summary>
    public byte[] Command(int messageCode, byte[] payload, ulong counter, byte[] originator, ECDsa? signer, bool mac, ECDsa? macBy = null, byte[]? target = null)
    {
        var builder = GbcsMessageBuilder.Command(counter, originator, target ?? Eui, messageCode);
        builder.SetContent(payload);
        IGbcsSigner? s = signer is null ? null : new HostSigner(signer);
        if (!mac)
        {
            return builder.Build(s);
        }

        var acb = macBy ?? Pki.Pack((int)FwRole.AccessControlBroker, SmkiKeyUsage.KeyAgreement).Key;
        return builder.BuildWithMacKey(s, MacKey(acb, originator, counter));
    }
}
