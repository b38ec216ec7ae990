using System;
using System.IO;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Provisioning;

namespace TrustAnchor.DeviceApp
{
    /// <summary>
    /// What the board keeps on its internal drive: <c>factory.der</c> (the factory file: identity and manufacturing
    /// pack, firmware/docs/factory-file.md; copied there at the factory, or received over the link as FACTORY),
    /// the store's block files, and, after first start, <c>keys.bin</c>.
    /// </summary>
    public static class BoardFiles
    {
        /// <summary>The profile's store path (boards/&lt;Board&gt;.json, store.path).</summary>
        public const string Folder = BoardProfile.StoreFolder;
        public const string StoreFolder = Folder + "\\store";
        public const string FactoryPath = Folder + "\\factory.der";
        public const string KeysPath = Folder + "\\keys.bin";

        public static void EnsureFolder()
        {
            if (!Directory.Exists(StoreFolder))
            {
                Directory.CreateDirectory(StoreFolder);
            }
        }

        /// <summary>The factory file in flash, or null when the board has none yet (it then waits for FACTORY on the link).</summary>
        /// <exception cref="PackException">The file is there but is not a factory file.</exception>
        public static FactoryFile ReadFactory()
        {
            if (!File.Exists(FactoryPath))
            {
                return null;
            }

            return FactoryFile.Parse(ReadAll(FactoryPath));
        }

        public static void WriteFactory(byte[] factoryFile)
        {
            using (var file = new FileStream(FactoryPath, FileMode.Create, FileAccess.Write))
            {
                file.Write(factoryFile, 0, factoryFile.Length);
                file.Flush();
            }
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
