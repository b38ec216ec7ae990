using System;
using System.IO;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Device;

namespace TrustAnchor.DeviceApp
{
    /// <summary>
    /// What the factory step leaves on the internal drive: <c>identity.bin</c> (EUI-64 then the device type
    /// byte), <c>pack.der</c> (the DCC manufacturing pack) and, after first start, <c>keys.bin</c>.
    /// </summary>
    public static class BoardFiles
    {
        /// <summary>The profile's store path (boards/&lt;Board&gt;.json, store.path).</summary>
        public const string Folder = BoardProfile.StoreFolder;
        public const string StoreFolder = Folder + "\\store";
        public const string PackPath = Folder + "\\pack.der";
        public const string IdentityPath = Folder + "\\identity.bin";
        public const string KeysPath = Folder + "\\keys.bin";

        public static void EnsureFolder()
        {
            if (!Directory.Exists(StoreFolder))
            {
                Directory.CreateDirectory(StoreFolder);
            }
        }

        public static DeviceIdentity ReadIdentity()
        {
            byte[] raw = ReadAll(IdentityPath);
            if (raw.Length != 9)
            {
                throw new IOException("identity.bin must hold the EUI-64 and one device type byte");
            }

            var eui = new byte[8];
            Array.Copy(raw, 0, eui, 0, 8);
            return new DeviceIdentity(eui, raw[8]);
        }

        /// <summary>
        /// The device's DS and KA key pairs. A dev board keeps the private keys in a file so a reboot keeps its
        /// Device Certificates valid; a production meter keeps them in its secure element.
        /// </summary>
        public static DeviceCredentials LoadOrCreateCredentials(IEntropySource entropy)
        {
            if (File.Exists(KeysPath))
            {
                byte[] raw = ReadAll(KeysPath);
                var ds = new byte[32];
                var ka = new byte[32];
                Array.Copy(raw, 0, ds, 0, 32);
                Array.Copy(raw, 32, ka, 0, 32);
                return new DeviceCredentials(P256KeyPair.FromPrivateKey(ds), P256KeyPair.FromPrivateKey(ka));
            }

            DeviceCredentials fresh = DeviceCredentials.Generate(entropy);
            var keys = new byte[64];
            Array.Copy(fresh.Signing.PrivateKey, 0, keys, 0, 32);
            Array.Copy(fresh.KeyAgreementKey.PrivateKey, 0, keys, 32, 32);
            using (var file = new FileStream(KeysPath, FileMode.Create, FileAccess.Write))
            {
                file.Write(keys, 0, keys.Length);
                file.Flush();
            }

            return fresh;
        }

        public static byte[] ReadAll(string path)
        {
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                var data = new byte[(int)file.Length];
                int done = 0;
                while (done < data.Length)
                {
                    int n = file.Read(data, done, data.Length - done);
                    if (n <= 0)
                    {
                        throw new IOException("short file " + path);
                    }

                    done += n;
                }

                return data;
            }
        }
    }
}
