using System.Collections.Concurrent;
using System.Security.Cryptography;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Provisioning;
using TrustAnchor.Firmware.Storage;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.HostCrypto;
using TrustAnchor.Simulator.Scenarios;

namespace TrustAnchor.Simulator.Devices;

/// <summary>
/// The meter maker's line: a blank flash part, the manufacturing pack written in, then the device powered up with
/// its identity, clock and entropy (it makes its own DS and KA key pairs).
/// <para>
/// Like a real line, it checks a pack once per device type: the first device of each (pack, device type, flash
/// geometry) is provisioned by the firmware's own <see cref="FactoryProvisioning"/> (a bad pack fails exactly as on
/// a real line), and the Trust Anchor store image that left in flash is then programmed into every later part of
/// that kind. The image holds only what the pack gives the device type (cells, zero counters, generation 1, the
/// SHA-256 seal) — nothing about the individual device, whose identity and keys live outside the store. Every
/// device, programmed or provisioned, opens its store through the firmware's <see cref="TrustAnchorStore"/>
/// (marker, header check, SHA-256, strict decode) at power-up.
/// </para>
/// </summary>
public sealed class VirtualFactory
{
    private readonly ConcurrentDictionary<LineKey, FlashBlock[]> _images = new();
    private readonly byte[]? _contingencyKeyDigest;
    private readonly HostP256Tables? _p256Tables;

    public VirtualFactory()
    {
    }

    /// <summary>
    /// A line that gives every device the contingency key's SHA-256 digest (what authorises mode 9) and, when
    /// <paramref name="p256Tables"/> is given, a P-256 context of its own that looks in the host's shared tables
    /// (null: a board's context).
    /// </summary>
    public VirtualFactory(byte[] contingencyKeyDigest, HostP256Tables? p256Tables = null)
    {
        _contingencyKeyDigest = (byte[])contingencyKeyDigest.Clone();
        _p256Tables = p256Tables;
    }
    private int _packsChecked;
    private int _imagesProgrammed;

    /// <summary>Devices whose store the firmware's factory provisioning wrote (each one checked the whole pack).</summary>
    public int PacksChecked => Volatile.Read(ref _packsChecked);

    /// <summary>Devices whose store was programmed from a checked image.</summary>
    public int ImagesProgrammed => Volatile.Read(ref _imagesProgrammed);

    public static int DeviceTypeOf(string kind) => kind switch
    {
        DeviceKinds.CommsHub => (int)DeviceType.CommsHub,
        DeviceKinds.Esme => (int)DeviceType.Esme,
        DeviceKinds.Gsme => (int)DeviceType.Gsme,
        DeviceKinds.Ppmid => (int)DeviceType.Ppmid,
        _ => throw new ArgumentException($"unknown device kind {kind}"),
    };

    public VirtualDevice Build(string kind, byte[] eui64, byte[] packDer, DeviceFlash flash, DeviceClock clock, int entropySeed)
    {
        try
        {
            var deviceType = DeviceTypeOf(kind);
            var store = TrustAnchorStore.Open(flash.Storage);
            if (!store.IsProvisioned)
            {
                store = Provision(flash.Storage, store, packDer, deviceType);
            }

            var p256 = _p256Tables is null ? new P256Context() : _p256Tables.CreateContext();
            var device = new GbcsDevice(new DeviceIdentity(eui64, (TrustAnchor.Firmware.TrustAnchors.DeviceType)deviceType), store, clock,
                new SeededEntropy(entropySeed), null, ManagedSymmetricCrypto.Instance, p256);
            if (_contingencyKeyDigest is not null)
            {
                device.Credentials.SetContingencyKeyDigest((byte[])_contingencyKeyDigest.Clone());
            }
            return new VirtualDevice(kind, device, clock, flash);
        }
        catch
        {
            flash.Dispose();
            throw;
        }
    }

    private TrustAnchorStore Provision(IFlashStorage flash, TrustAnchorStore store, byte[] packDer, int deviceType)
    {
        var key = new LineKey(Convert.ToHexString(SHA256.HashData(packDer)), deviceType, flash.BlockSize, flash.BlockCount);
        if (_images.TryGetValue(key, out var image))
        {
            Program(flash, image);
            Interlocked.Increment(ref _imagesProgrammed);
            // Power-up: the firmware opens and verifies what was programmed, as it would any store.
            var programmed = TrustAnchorStore.Open(flash);
            if (!programmed.IsProvisioned || (int)programmed.Current.DeviceType != deviceType || programmed.Recovery != 0)
            {
                throw new InvalidOperationException("the programmed Trust Anchor store image did not open as a provisioned store");
            }

            return programmed;
        }

        FactoryProvisioning.Provision(store, packDer, (TrustAnchor.Firmware.TrustAnchors.DeviceType)deviceType);
        Interlocked.Increment(ref _packsChecked);
        _images.TryAdd(key, Capture(flash));
        return store;
    }

    /// <summary>The blocks provisioning wrote (the store's two slots); the rest of the part is still erased.</summary>
    private static FlashBlock[] Capture(IFlashStorage flash)
    {
        var blocks = new List<FlashBlock>();
        for (var b = 0; b < flash.BlockCount; b++)
        {
            var data = new byte[flash.BlockSize];
            flash.Read(b, 0, data, 0, data.Length);
            if (!IsErased(data))
            {
                blocks.Add(new FlashBlock(b, data));
            }
        }

        return [.. blocks];
    }

    /// <summary>
    /// Writes the image into a fresh part, last block first: each slot's first block, which carries its commit
    /// marker, goes in after the rest of the slot, so a cut leaves nothing the store would take as committed.
    /// </summary>
    private static void Program(IFlashStorage flash, FlashBlock[] image)
    {
        var current = new byte[flash.BlockSize];
        var next = image.Length - 1;
        for (var b = flash.BlockCount - 1; b >= 0; b--)
        {
            var target = next >= 0 && image[next].Index == b ? image[next--].Data : null;
            flash.Read(b, 0, current, 0, current.Length);
            if (!IsErased(current))
            {
                flash.Erase(b); // debris of an earlier, interrupted provisioning
            }

            if (target is not null)
            {
                flash.Write(b, 0, target, 0, target.Length);
            }
        }
    }

    private static bool IsErased(byte[] data) => !data.AsSpan().ContainsAnyExcept((byte)0xFF);

    private readonly record struct LineKey(string PackSha256, int DeviceType, int BlockSize, int BlockCount);

    private sealed record FlashBlock(int Index, byte[] Data);
}
