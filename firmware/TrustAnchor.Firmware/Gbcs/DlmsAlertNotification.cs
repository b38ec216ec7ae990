using System;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// An ESME's alert payload (NOTES section 9): a DLMS Data-Notification
    /// <c>0F</c> long-invoke-id-and-priority(4) date-time(<c>00</c> | <c>0C</c> + 12) body, the body a structure
    /// <c>02 nn</c> whose first element is the alert code (long-unsigned <c>12 hh ll</c>) and second the event time
    /// (octet-string <c>09 0C</c> + 12-byte DLMS date-time); further elements are kept as opaque, well-formed DLMS data.
    /// The long-invoke-id carries the low 24 bits of the alert's Originator Counter with the processing-option bit set
    /// (<c>20 00 07 D0</c> for counter 0x7D0) [inferred from genuine frames].
    /// </summary>
    public sealed class DlmsAlertNotification
    {
        /// <summary>The Data-Notification APDU tag.</summary>
        public const int Tag = 0x0F;

        /// <summary>What our devices put in the top byte of the long-invoke-id-and-priority [inferred from genuine frames].</summary>
        public const uint InvokeIdFlags = 0x20000000;

        /// <summary>The invoke-id bits of long-invoke-id-and-priority.</summary>
        public const uint InvokeIdMask = 0x00FFFFFF;

        private DlmsAlertNotification()
        {
        }

        public uint LongInvokeIdAndPriority { get; private set; }

        /// <summary>The low 24 bits of <see cref="LongInvokeIdAndPriority"/>.</summary>
        public int InvokeId
        {
            get { return (int)(LongInvokeIdAndPriority & InvokeIdMask); }
        }

        /// <summary>True when the notification's own date-time is present (<c>0C</c>); genuine alerts send <c>00</c>.</summary>
        public bool HasNotificationDateTime { get; private set; }

        /// <summary>Offset of the notification's 12-byte date-time; -1 when absent.</summary>
        public int NotificationDateTimeOffset { get; private set; }

        /// <summary>Number of elements in the body structure (2 or more).</summary>
        public int ElementCount { get; private set; }

        public int AlertCode { get; private set; }

        /// <summary>Offset of the event time's 12 DLMS date-time bytes in the payload buffer.</summary>
        public int EventTimeOffset { get; private set; }

        /// <summary>True when the event time decodes to a UTC time (<see cref="DlmsDateTime.TryDecode"/>).</summary>
        public bool IsEventTimeValid { get; private set; }

        public DateTime EventTime { get; private set; }

        /// <summary>Offset and length of the elements after the event time (opaque DLMS data); length 0 when none.</summary>
        public int ExtraElementsOffset { get; private set; }

        public int ExtraElementsLength { get; private set; }

        /// <summary>The long-invoke-id-and-priority an alert with <paramref name="originatorCounter"/> carries.</summary>
        public static uint InvokeIdFor(ulong originatorCounter)
        {
            return InvokeIdFlags | (uint)(originatorCounter & InvokeIdMask);
        }

        /// <summary>The plain two-element alert: <c>0F</c> id(4) <c>00 02 02 12</c> code(2) <c>09 0C</c> time(12).</summary>
        public static byte[] Encode(int alertCode, DateTime eventTime, ulong originatorCounter)
        {
            CheckCode(alertCode);
            byte[] p = new byte[1 + 4 + 1 + 2 + 3 + 2 + DlmsDateTime.Size];
            int pos = 0;
            p[pos++] = Tag;
            uint id = InvokeIdFor(originatorCounter);
            p[pos++] = (byte)(id >> 24);
            p[pos++] = (byte)(id >> 16);
            p[pos++] = (byte)(id >> 8);
            p[pos++] = (byte)id;
            p[pos++] = 0x00;
            p[pos++] = DlmsData.Structure;
            p[pos++] = 0x02;
            p[pos++] = DlmsData.LongUnsigned;
            p[pos++] = (byte)(alertCode >> 8);
            p[pos++] = (byte)alertCode;
            p[pos++] = DlmsData.OctetString;
            p[pos++] = DlmsDateTime.Size;
            DlmsDateTime.Encode(eventTime, p, pos);
            return p;
        }

        /// <summary>True when the payload starts like a Data-Notification (a cheap test, not a parse).</summary>
        public static bool LooksLike(byte[] payload, int offset, int length)
        {
            return payload != null && length > 0 && offset >= 0 && offset < payload.Length && payload[offset] == Tag;
        }

        /// <summary>Reads the payload at [offset, offset + length); <see cref="GbcsFormatException"/> on any deviation.</summary>
        public static DlmsAlertNotification Parse(byte[] payload, int offset, int length)
        {
            GbcsDer.CheckView(payload, offset, length);
            int end = offset + length;
            int pos = offset;
            Need(pos, 5, end, "Data-Notification header");
            if (payload[pos] != Tag)
            {
                throw Bad("a Data-Notification starts with 0F, not 0x" + payload[pos].ToString("X2"));
            }

            DlmsAlertNotification n = new DlmsAlertNotification();
            n.LongInvokeIdAndPriority = ((uint)payload[pos + 1] << 24) | ((uint)payload[pos + 2] << 16) | ((uint)payload[pos + 3] << 8) | payload[pos + 4];
            pos += 5;
            Need(pos, 1, end, "Data-Notification date-time");
            int dateTimeLength = payload[pos++];
            n.NotificationDateTimeOffset = -1;
            if (dateTimeLength == DlmsDateTime.Size)
            {
                Need(pos, DlmsDateTime.Size, end, "Data-Notification date-time");
                n.HasNotificationDateTime = true;
                n.NotificationDateTimeOffset = pos;
                pos += DlmsDateTime.Size;
            }
            else if (dateTimeLength != 0)
            {
                throw Bad("Data-Notification date-time length " + dateTimeLength + " (00 or 0C only)");
            }

            Need(pos, 1, end, "alert structure");
            if (payload[pos] != DlmsData.Structure)
            {
                throw Bad("alert body is not a structure (02) but 0x" + payload[pos].ToString("X2"));
            }

            pos++;
            int count = DlmsData.ReadLength(payload, ref pos, end);
            if (count < 2)
            {
                throw Bad("alert structure of " + count + " elements (alert code and event time needed)");
            }

            n.ElementCount = count;
            Need(pos, 3, end, "alert code");
            if (payload[pos] != DlmsData.LongUnsigned)
            {
                throw Bad("alert code is not long-unsigned (12)");
            }

            n.AlertCode = (payload[pos + 1] << 8) | payload[pos + 2];
            pos += 3;
            Need(pos, 2, end, "event time");
            if (payload[pos] != DlmsData.OctetString || payload[pos + 1] != DlmsDateTime.Size)
            {
                throw Bad("event time is not an octet-string of 12 bytes (09 0C)");
            }

            Need(pos + 2, DlmsDateTime.Size, end, "event time");

            n.EventTimeOffset = pos + 2;
            DateTime when;
            n.IsEventTimeValid = DlmsDateTime.TryDecode(payload, n.EventTimeOffset, out when);
            n.EventTime = when;
            pos += 2 + DlmsDateTime.Size;
            n.ExtraElementsOffset = pos;
            for (int i = 2; i < count; i++)
            {
                DlmsData.Skip(payload, ref pos, end);
            }

            n.ExtraElementsLength = pos - n.ExtraElementsOffset;
            if (pos != end)
            {
                throw new GbcsFormatException(GbcsError.TrailingBytes, (end - pos) + " bytes after the alert structure");
            }

            return n;
        }

        internal static void CheckCode(int alertCode)
        {
            if (alertCode < 0 || alertCode > 0xFFFF)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "alert code " + alertCode + " out of range");
            }
        }

        private static void Need(int pos, int count, int end, string what)
        {
            if (end - pos < count)
            {
                throw new GbcsFormatException(GbcsError.Truncated, what + " runs past the payload end");
            }
        }

        private static GbcsFormatException Bad(string message)
        {
            return new GbcsFormatException(GbcsError.BadPayload, message);
        }
    }
}
