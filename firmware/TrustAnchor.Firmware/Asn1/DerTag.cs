namespace TrustAnchor.Firmware.Asn1
{
    /// <summary>Single-octet DER tags used by the firmware (class, constructed bit and number in one byte).</summary>
    public static class DerTag
    {
        public const int Boolean = 0x01;
        public const int Integer = 0x02;
        public const int BitString = 0x03;
        public const int OctetString = 0x04;
        public const int Null = 0x05;
        public const int ObjectIdentifier = 0x06;
        public const int Enumerated = 0x0A;
        public const int Utf8String = 0x0C;
        public const int PrintableString = 0x13;
        public const int Ia5String = 0x16;
        public const int UtcTime = 0x17;
        public const int GeneralizedTime = 0x18;
        public const int Sequence = 0x30;
        public const int Set = 0x31;

        /// <summary>Constructed bit (0x20).</summary>
        public const int ConstructedFlag = 0x20;
        /// <summary>Context-specific class bits (0x80).</summary>
        public const int ContextSpecific = 0x80;

        /// <summary>Context-specific constructed tag [n] (explicit tagging or constructed implicit), e.g. 0xA0 for n = 0.</summary>
        public static int ContextConstructed(int number)
        {
            return 0xA0 | number;
        }

        /// <summary>Context-specific primitive tag [n] (implicit tagging of a primitive type), e.g. 0x80 for n = 0.</summary>
        public static int ContextPrimitive(int number)
        {
            return 0x80 | number;
        }
    }
}
