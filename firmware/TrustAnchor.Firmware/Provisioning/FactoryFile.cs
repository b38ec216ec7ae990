using System;
using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Provisioning
{
    /// <summary>
    /// What a board (or the simulator's device process) is given at the factory: its identity and the
    /// manufacturing pack, in one DER value (firmware/docs/factory-file.md):
    /// <code>
    /// FactoryFile ::= SEQUENCE {
    ///   version           INTEGER (1),
    ///   deviceType        INTEGER (1..4),        -- ESME 1, GSME 2, CHF 3, PPMID 4
    ///   deviceId          OCTET STRING (SIZE (8)), -- EUI-64
    ///   manufacturingPack ManufacturingPack      -- firmware/docs/manufacturing-pack.md
    /// }
    /// </code>
    /// Parse checks the structure and the identity; the pack's own checks run when the store is provisioned.
    /// </summary>
    public sealed class FactoryFile
    {
        public const int Version = 1;

        private FactoryFile(DeviceIdentity identity, byte[] packDer)
        {
            Identity = identity;
            PackDer = packDer;
        }

        public DeviceIdentity Identity { get; private set; }

        /// <summary>The manufacturing pack, as its own DER value (what FactoryProvisioning.Provision takes).</summary>
        public byte[] PackDer { get; private set; }

        /// <summary>Parses a factory file; throws <see cref="PackException"/> naming the element at fault.</summary>
        public static FactoryFile Parse(byte[] der)
        {
            if (der == null || der.Length == 0)
            {
                throw new PackException(PackError.Malformed, "factory file", "empty");
            }

            string where = "factory file";
            try
            {
                DerReader outer = new DerReader(der);
                DerReader file = outer.ReadSequence();
                outer.ThrowIfNotEmpty();

                where = "factory file version";
                int version = file.ReadInt32();
                if (version != Version)
                {
                    throw new PackException(PackError.UnsupportedVersion, where, "factory file version " + version.ToString() + " is not supported (expected 1)");
                }

                where = "deviceType";
                int deviceType = file.ReadInt32();
                if (!DeviceTypes.IsDefined(deviceType))
                {
                    throw new PackException(PackError.UnknownDeviceType, where, "device type " + deviceType.ToString() + " is not ESME 1, GSME 2, CHF 3 or PPMID 4");
                }

                where = "deviceId";
                int idOffset;
                int idLength;
                file.ReadOctetString(out idOffset, out idLength);
                if (idLength != DeviceIdentity.Eui64Length)
                {
                    throw new PackException(PackError.Malformed, where, "the EUI-64 must be 8 bytes, not " + idLength.ToString());
                }

                var eui = new byte[DeviceIdentity.Eui64Length];
                Array.Copy(der, idOffset, eui, 0, eui.Length);

                where = "manufacturingPack";
                int packOffset;
                int packLength;
                file.ReadEncodedValue(out packOffset, out packLength);
                file.ThrowIfNotEmpty();
                var pack = new byte[packLength];
                Array.Copy(der, packOffset, pack, 0, packLength);
                ManufacturingPack.Parse(pack);
                return new FactoryFile(new DeviceIdentity(eui, (DeviceType)deviceType), pack);
            }
            catch (PackException)
            {
                throw;
            }
            catch (TrustAnchorException e)
            {
                throw new PackException(PackError.Malformed, where, e.Message);
            }
        }
    }
}
