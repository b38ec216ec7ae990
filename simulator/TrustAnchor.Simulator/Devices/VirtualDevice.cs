using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Simulator.Devices;

/// <summary>
/// One virtual device: the firmware's <see cref="GbcsDevice"/> in a case with its own flash, clock and entropy.
/// The case adds what the security library leaves to the rest of a meter's firmware — clock synchronisation and
/// the 0x8F69 "device commissioned" alert — and lets the simulator look inside (state, flash image, counters).
/// One frame at a time, as on a device.
/// </summary>
public sealed class VirtualDevice : IVirtualDevice, IDisposable
{
    /// <summary>Counter range for alerts the case raises, apart from the library's own alert counter.</summary>
    private const ulong CaseAlertCounterBase = 0x00F0_0000_0000_0000;

    private readonly object _gate = new();
    private readonly DeviceFlash _flash;
    private ulong _caseAlertCounter = CaseAlertCounterBase;

    public VirtualDevice(string kind, GbcsDevice device, DeviceClock clock, DeviceFlash flash)
    {
        Kind = kind;
        Device = device;
        Clock = clock;
        _flash = flash;
        Eui64 = device.Identity.Eui64;
        EuiHex = Convert.ToHexString(Eui64);
    }

    public string Kind { get; }

    public byte[] Eui64 { get; }

    public string EuiHex { get; }

    public GbcsDevice Device { get; }

    public DeviceClock Clock { get; }

    public string FlashLocation => _flash.Where;

    public bool Commissioned { get; private set; }

    public byte[] SigningPublicKey => Device.Credentials.Signing.PublicKey;

    public byte[] KeyAgreementPublicKey => Device.Credentials.KeyAgreementKey.PublicKey;

    public int SignatureVerifications
    {
        get
        {
            lock (_gate)
            {
                return Device.SignatureVerifications;
            }
        }
    }

    public DeviceReply Process(byte[] frame)
    {
        lock (_gate)
        {
            var output = Device.Process(frame);
            return new DeviceReply(output.HasResponse ? output.Response : null, output.Alerts);
        }
    }

    /// <summary>The Trust Anchor state as committed in the store.</summary>
    public TrustAnchorState State
    {
        get
        {
            lock (_gate)
            {
                return Device.Store.Current;
            }
        }
    }

    /// <summary>Gives the hub's firmware its Device Log (before the hub starts taking frames).</summary>
    public void AttachDeviceLog(TrustAnchor.Firmware.Han.DeviceLog log)
    {
        lock (_gate)
        {
            Device.AttachDeviceLog(log);
        }
    }

    /// <summary>Devices the firmware has been joined with by CS03 commands (EUI-64 hex and device type).</summary>
    public IReadOnlyList<(string Eui, int DeviceType)> JoinedDevices
    {
        get
        {
            lock (_gate)
            {
                var rows = new List<(string, int)>();
                for (var i = 0; i < Device.JoinedDeviceCount; i++)
                {
                    var row = Device.GetJoinedDevice(i);
                    rows.Add((Convert.ToHexString(row, 0, 8), row[8]));
                }

                return rows;
            }
        }
    }

    public byte[] FlashSnapshot()
    {
        lock (_gate)
        {
            return _flash.Snapshot();
        }
    }

    /// <summary>
    /// SR 8.1.1 at the device: take the DCC's time and report commissioning with a signed 0x8F69 device alert (Message Code 0x1001) to
    /// <paramref name="dcc"/> (the ACB's Entity Identifier, where GBCS sends alerts with no triggering command).
    /// </summary>
    public byte[] Commission(byte[] dcc)
    {
        lock (_gate)
        {
            Clock.Synchronise();
            Commissioned = true;
            // A device alert in the device's own language (DLMS for an ESME, GBZ for the ZigBee-side devices), 0x1001.
            return GbcsAlert.BuildFrame(Device.Profile.AlertFormat, GbcsAlertCodes.DeviceCommissioned, Clock.UtcNow, ++_caseAlertCounter,
                Eui64, dcc, new CaseSigner(Device.Credentials.Signing.PrivateKey));
        }
    }

    public void Dispose() => _flash.Dispose();

    /// <summary>The case signs its alerts with the device's own DS key, through the firmware's ECDSA.</summary>
    private sealed class CaseSigner(byte[] privateKey) : IGbcsSigner
    {
        public void Sign(byte[] hash32, byte[] signatureOut64, int offset) => EcdsaP256.SignHash(privateKey, hash32, signatureOut64, offset);
    }
}
