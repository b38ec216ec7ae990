using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Provisioning;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.DeviceApp
{
    /// <summary>The one line a board prints at boot, so the person at the bench knows which device the host will see.</summary>
    public static class Identity
    {
        /// <summary>"ESME 02124B0000000D01 (pack DCC-MP261-2024)".</summary>
        public static string Describe(FactoryFile factory)
        {
            string pack;
            try
            {
                pack = ManufacturingPack.Parse(factory.PackDer).Name;
            }
            catch (TrustAnchorException)
            {
                pack = "unreadable";
            }

            return DeviceTypes.Name(factory.Identity.DeviceType) + " " + Hex(factory.Identity.Eui64) + " (pack " + pack + ")";
        }

        public static string Hex(byte[] bytes)
        {
            string text = string.Empty;
            for (int i = 0; i < bytes.Length; i++)
            {
                text = text + bytes[i].ToString("X2");
            }

            return text;
        }
    }
}
