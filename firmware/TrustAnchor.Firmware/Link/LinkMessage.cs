using TrustAnchor.Firmware.Device;

namespace TrustAnchor.Firmware.Link
{
    /// <summary>One device-link message: a kind and its body (firmware/docs/device-link.md).</summary>
    public sealed class LinkMessage
    {
        /// <summary>Largest value of the length field: kind byte plus body.</summary>
        public const int MaxLength = 65536;

        /// <summary>Largest body: the length field counts the kind byte too.</summary>
        public const int MaxBodyLength = MaxLength - 1;

        /// <summary>READY body: device type byte and EUI-64.</summary>
        public const int ReadyBodyLength = 1 + DeviceIdentity.Eui64Length;

        private static readonly byte[] NoBody = new byte[0];

        public LinkMessage(int kind, byte[] body)
        {
            if (kind < 0 || kind > 0xFF)
            {
                throw new LinkException(LinkError.MalformedBody, "message kind must be one byte");
            }

            if (body == null)
            {
                body = NoBody;
            }

            if (body.Length > MaxBodyLength)
            {
                throw new LinkException(LinkError.LengthOutOfRange, "message body of " + body.Length.ToString() + " bytes is over " + MaxBodyLength.ToString());
            }

            Kind = kind;
            Body = body;
        }

        public int Kind { get; private set; }

        public byte[] Body { get; private set; }

        public static LinkMessage Frame(byte[] frame)
        {
            if (frame == null)
            {
                throw new LinkException(LinkError.MalformedBody, "FRAME needs a frame");
            }

            return new LinkMessage(LinkMessageKind.Frame, frame);
        }

        public static LinkMessage Restart()
        {
            return new LinkMessage(LinkMessageKind.Restart, null);
        }

        public static LinkMessage Done()
        {
            return new LinkMessage(LinkMessageKind.Done, null);
        }

        public static LinkMessage Ready(int deviceType, byte[] eui64)
        {
            if (eui64 == null || eui64.Length != DeviceIdentity.Eui64Length || deviceType < 0 || deviceType > 0xFF)
            {
                throw new LinkException(LinkError.MalformedBody, "READY needs a device type byte and an 8-byte EUI-64");
            }

            var body = new byte[ReadyBodyLength];
            body[0] = (byte)deviceType;
            System.Array.Copy(eui64, 0, body, 1, DeviceIdentity.Eui64Length);
            return new LinkMessage(LinkMessageKind.Ready, body);
        }

        public static LinkMessage Error(string text)
        {
            byte[] body = LinkText.Encode(text == null ? string.Empty : text);
            if (body.Length > MaxBodyLength)
            {
                var cut = new byte[MaxBodyLength];
                System.Array.Copy(body, 0, cut, 0, cut.Length);
                body = cut;
            }

            return new LinkMessage(LinkMessageKind.Error, body);
        }

        /// <summary>The device type of a READY message.</summary>
        public int ReadyDeviceType()
        {
            RequireReady();
            return Body[0];
        }

        /// <summary>The EUI-64 of a READY message (a copy).</summary>
        public byte[] ReadyEui64()
        {
            RequireReady();
            var eui = new byte[DeviceIdentity.Eui64Length];
            System.Array.Copy(Body, 1, eui, 0, eui.Length);
            return eui;
        }

        /// <summary>The text of an ERROR message (invalid UTF-8 shows as '?').</summary>
        public string ErrorText()
        {
            return LinkText.Decode(Body);
        }

        /// <summary>The wire form: 4-byte big-endian length (kind + body), kind, body.</summary>
        public byte[] Encode()
        {
            int length = Body.Length + 1;
            var wire = new byte[4 + length];
            wire[0] = (byte)(length >> 24);
            wire[1] = (byte)(length >> 16);
            wire[2] = (byte)(length >> 8);
            wire[3] = (byte)length;
            wire[4] = (byte)Kind;
            System.Array.Copy(Body, 0, wire, 5, Body.Length);
            return wire;
        }

        public override string ToString()
        {
            return LinkMessageKind.Name(Kind) + " (" + Body.Length.ToString() + " bytes)";
        }

        private void RequireReady()
        {
            if (Kind != LinkMessageKind.Ready || Body.Length != ReadyBodyLength)
            {
                throw new LinkException(LinkError.MalformedBody, "READY must carry a device type byte and an 8-byte EUI-64, got " + ToString());
            }
        }
    }
}
