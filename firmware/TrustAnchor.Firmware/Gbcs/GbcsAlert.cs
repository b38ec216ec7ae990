using System;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// A typed view of an alert frame's payload, whatever the device's language (NOTES section 9): the alert code,
    /// the event time and the format, with the format-specific view (<see cref="Dlms"/>, <see cref="Gbz"/> or
    /// <see cref="FutureDated"/>). Device alerts not tied to one command go with Message Code 0x1000 / 0x1001
    /// (<see cref="GbcsAlertClasses"/>); the future-dated CS02b outcome with 0x00CB and a DER payload.
    /// Also builds the device alerts (<see cref="BuildFrame"/>).
    /// </summary>
    public sealed class GbcsAlert
    {
        private GbcsAlert()
        {
        }

        /// <summary>The frame's Message Code (0x1000, 0x1001, 0x00CB, or another alert's own code); -1 when parsed from a bare payload.</summary>
        public int MessageCode { get; private set; }

        /// <summary>One of <see cref="GbcsAlertFormat"/>.</summary>
        public int Format { get; private set; }

        public int AlertCode { get; private set; }

        /// <summary>True when sent as a Generic Critical Alert (Message Code 0x1000).</summary>
        public bool IsCritical
        {
            get { return MessageCode == GbcsMessageCodes.GenericCriticalAlert; }
        }

        /// <summary>True when the event time decodes (DLMS date-time, ZigBee UTCTime or the DER executionDateTime).</summary>
        public bool IsEventTimeValid { get; private set; }

        /// <summary>When the event happened (for 0x00CB: the execution time); MinValue unless <see cref="IsEventTimeValid"/>.</summary>
        public DateTime EventTime { get; private set; }

        /// <summary>The ESME Data-Notification view, or null.</summary>
        public DlmsAlertNotification Dlms { get; private set; }

        /// <summary>The GBZ alert view, or null.</summary>
        public GbzAlertPayload Gbz { get; private set; }

        /// <summary>The 0x00CB outcome, or null.</summary>
        public FutureDatedExecutionAlert FutureDated { get; private set; }

        /// <summary>Reads an alert frame's payload (CRA flag 3); <see cref="GbcsFormatException"/> otherwise.</summary>
        public static GbcsAlert Parse(GbcsMessage message)
        {
            if (message == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no message");
            }

            if (message.CraFlag != GbcsCraFlag.Alert)
            {
                throw new GbcsFormatException(GbcsError.WrongMessageCode, "not an alert frame (CRA flag " + message.CraFlag + ")");
            }

            return Parse(message.MessageCode, message.Frame, message.ContentOffset, message.ContentLength);
        }

        /// <summary>
        /// Reads an alert payload sent with <paramref name="messageCode"/> (-1: unknown). 0x00CB must be DER; otherwise the
        /// language is told by the first bytes: <c>0F</c> DLMS Data-Notification, <c>01 09</c> GBZ, <c>30</c> DER.
        /// </summary>
        public static GbcsAlert Parse(int messageCode, byte[] payload, int offset, int length)
        {
            GbcsDer.CheckView(payload, offset, length);
            if (length == 0)
            {
                throw new GbcsFormatException(GbcsError.Truncated, "empty alert payload");
            }

            GbcsAlert alert = new GbcsAlert();
            alert.MessageCode = messageCode;
            int first = payload[offset];
            if (messageCode == GbcsMessageCodes.FutureDatedUpdateSecurityCredentialsAlert || first == 0x30 && !GbcsMessageCodes.IsGenericAlert(messageCode))
            {
                FutureDatedExecutionAlert f = FutureDatedExecutionAlert.Parse(payload, offset, length);
                alert.Format = GbcsAlertFormat.Der;
                alert.FutureDated = f;
                alert.AlertCode = f.AlertCode;
                alert.IsEventTimeValid = true;
                alert.EventTime = f.ExecutionDateTime;
            }
            else if (first == DlmsAlertNotification.Tag)
            {
                DlmsAlertNotification d = DlmsAlertNotification.Parse(payload, offset, length);
                alert.Format = GbcsAlertFormat.DlmsDataNotification;
                alert.Dlms = d;
                alert.AlertCode = d.AlertCode;
                alert.IsEventTimeValid = d.IsEventTimeValid;
                alert.EventTime = d.EventTime;
            }
            else if (GbzAlertPayload.LooksLike(payload, offset, length))
            {
                GbzAlertPayload g = GbzAlertPayload.Parse(payload, offset, length);
                alert.Format = GbcsAlertFormat.Gbz;
                alert.Gbz = g;
                alert.AlertCode = g.AlertCode;
                alert.IsEventTimeValid = g.IsEventTimeValid;
                alert.EventTime = g.EventTime;
            }
            else
            {
                throw new GbcsFormatException(GbcsError.BadPayload, "alert payload starting 0x" + first.ToString("X2")
                    + " is neither a DLMS Data-Notification (0F) nor GBZ (01 09)");
            }

            return alert;
        }

        /// <summary>The alert code of an alert frame.</summary>
        public static int ReadAlertCode(GbcsMessage message)
        {
            return Parse(message).AlertCode;
        }

        /// <summary>The alert code of a bare alert payload (language told by its first bytes).</summary>
        public static int ReadAlertCode(byte[] payload, int offset, int length)
        {
            return Parse(-1, payload, offset, length).AlertCode;
        }

        /// <summary>A device alert payload in <paramref name="format"/> (DLMS or GBZ), plain: alert code and event time.</summary>
        public static byte[] EncodePayload(int format, int alertCode, DateTime eventTime, ulong originatorCounter)
        {
            if (format == GbcsAlertFormat.DlmsDataNotification)
            {
                return DlmsAlertNotification.Encode(alertCode, eventTime, originatorCounter);
            }

            if (format == GbcsAlertFormat.Gbz)
            {
                return GbzAlertPayload.Encode(alertCode, eventTime);
            }

            throw new GbcsFormatException(GbcsError.InvalidArgument, "device alerts are DLMS or GBZ, not " + GbcsAlertFormat.Name(format));
        }

        /// <summary>
        /// A complete device alert frame: CRA 3, <paramref name="originatorCounter"/>, no header date-time, Message Code
        /// 0x1000 or 0x1001 by <see cref="GbcsAlertClasses"/>, payload in <paramref name="format"/>; signed when
        /// <paramref name="signer"/> is not null.
        /// </summary>
        public static byte[] BuildFrame(int format, int alertCode, DateTime eventTime, ulong originatorCounter, byte[] deviceId, byte[] targetId, IGbcsSigner signer)
        {
            byte[] payload = EncodePayload(format, alertCode, eventTime, originatorCounter);
            GbcsMessageBuilder b = GbcsMessageBuilder.Alert(originatorCounter, deviceId, targetId, GbcsAlertClasses.MessageCodeFor(alertCode));
            b.SetContent(payload);
            return b.Build(signer);
        }
    }
}
