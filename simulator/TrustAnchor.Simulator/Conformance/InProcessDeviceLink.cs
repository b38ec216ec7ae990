using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Provisioning;
using TrustAnchor.Firmware.Storage;
using TrustAnchor.Simulator.Devices;
using TrustAnchor.Simulator.Link;
using TrustAnchor.Smki;

namespace TrustAnchor.Simulator.Conformance;

/// <summary>
/// <c>inproc:</c> — the firmware as one device inside conform's own process, made as a factory would from the SMKI
/// conform signs with: the SMKI's MP261 manufacturing pack in its store, fresh DS and KA key pairs, and their Device
/// Certificates issued by the SMKI's Issuing DCA (so the DCC side finds them in the Repository). With
/// <c>inproc:?certificates=none</c> the device holds its keys but not the certificates, so conform must enrol it
/// (CS02c, the DCA issues, CS02d). RESTART rebuilds the firmware from the same flash (RAM state lost).
/// A test and development harness, and the reference the TCP device is checked against.
/// </summary>
public sealed class InProcessDeviceLink : IDeviceLink
{
    private readonly DeviceIdentity _identity;
    private readonly RamFlashStorage _flash;
    private readonly DeviceCredentials _credentials;
    private readonly SeededEntropy _entropy;
    private readonly IDeviceClock _clock;
    private GbcsDevice _device;
    private bool _gone;

    private InProcessDeviceLink(DeviceIdentity identity, RamFlashStorage flash, DeviceCredentials credentials, SeededEntropy entropy, IDeviceClock clock)
    {
        _identity = identity;
        _flash = flash;
        _credentials = credentials;
        _entropy = entropy;
        _clock = clock;
        _device = PowerUp();
        Hello = new DeviceHello((DeviceType)identity.DeviceType, (byte[])identity.Eui64.Clone());
    }

    public DeviceHello Hello { get; private set; }

    /// <summary>The firmware inside (tests look at its store).</summary>
    public GbcsDevice Device => _device;

    /// <summary>Makes the link fail as a device that vanished (tests of exit code 2).</summary>
    public int? VanishAfterExchanges { get; set; }

    private int _exchanges;

    public static InProcessDeviceLink Create(SmkiPki smki, int deviceType, string query, int seed)
    {
        var certificates = !query.Contains("certificates=none", StringComparison.OrdinalIgnoreCase);
        var eui = new byte[] { 0x00, 0xDB, 0x12, 0x34, 0x56, (byte)(seed >> 16), (byte)(seed >> 8), (byte)seed };
        var flash = new RamFlashStorage(4096, 8);
        var store = TrustAnchorStore.Open(flash);
        FactoryProvisioning.Provision(store, smki.CreateManufacturingPack(PackKind.Mp261), (TrustAnchor.Firmware.TrustAnchors.DeviceType)deviceType);
        var entropy = new SeededEntropy(seed);
        var credentials = DeviceCredentials.Generate(entropy);
        var ds = smki.IssueDeviceCertificate(eui, SmkiKeyUsage.DigitalSignature, credentials.Signing.PublicKey, label: "conform/inproc-ds");
        var ka = smki.IssueDeviceCertificate(eui, SmkiKeyUsage.KeyAgreement, credentials.KeyAgreementKey.PublicKey, label: "conform/inproc-ka");
        if (certificates)
        {
            credentials.SetCertificate(DeviceCredentials.DigitalSignature, ds.Der);
            credentials.SetCertificate(DeviceCredentials.KeyAgreement, ka.Der);
        }

        return new InProcessDeviceLink(new DeviceIdentity(eui, (TrustAnchor.Firmware.TrustAnchors.DeviceType)deviceType), flash, credentials, entropy, new SystemDeviceClock());
    }

    private GbcsDevice PowerUp() => new(_identity, TrustAnchorStore.Open(_flash), _clock, _entropy, _credentials);

    public Task<DeviceExchange> ExchangeAsync(byte[] frame, TimeSpan timeout, CancellationToken ct = default)
    {
        ThrowIfGone();
        var output = _device.Process(frame);
        return Task.FromResult(new DeviceExchange(output.HasResponse ? output.Response : null, output.Alerts));
    }

    public Task<DeviceHello> RestartAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        ThrowIfGone();
        _device = PowerUp();
        return Task.FromResult(Hello);
    }

    private void ThrowIfGone()
    {
        if (_gone || (VanishAfterExchanges is { } n && ++_exchanges > n))
        {
            _gone = true;
            throw new DeviceLinkException("the device closed the link (inproc: device gone)");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class SystemDeviceClock : IDeviceClock
    {
        public DateTime UtcNow => DateTime.UtcNow;
    }
}
