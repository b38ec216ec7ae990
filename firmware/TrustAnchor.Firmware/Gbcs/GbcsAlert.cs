using System;
using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// A device security alert (0x8F30, 0x8F3D, 0x8F53, 0x8F60, 0x8F69, ...). Frame: CRA flag 3, Message Code
    /// <see cref="GbcsMessageCodes.DeviceAlert"/>, the device's date-time; payload (our layout, gbcs-framing.md):
    /// <c>SEQUENCE { alertCode INTEGER (0..65535), triggeringCommand SEQUENCE { messageCode INTEGER,
    /// originatorId OCTET STRING (8), originatorCounter INTEGER } OPTIONAL }</c> — the optional part names the
    /// command that caused the alert, when the device could read its Grouping Header.
    /// </summary>
    public sealed class GbcsAlert
    {
        public GbcsAlert(int alertCode)
        {
            if (alertCode < 0 || alertCode > 0xFFFF)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "alert code " + alertCode + " out of range");
            }

            AlertCode = alertCode;
            TriggeringMessageCode = -1;
        }

        /// <summary>An alert about <paramref name="trigger"/> (may be null).</summary>
        public GbcsAlert(int alertCode, GbcsMessage trigger)
            : this(alertCode)
        {
            if (trigger != null)
            {
                SetTrigger(trigger.MessageCode, trigger.OriginatorId, trigger.OriginatorCounter);
            }
        }

        public int AlertCode { get; private set; }

        public bool HasTrigger
        {
            get { return TriggeringMessageCode >= 0; }
        }

        /// <summary>Message Code of the command that caused the alert; -1 when absent.</summary>
        public int TriggeringMessageCode { get; private set; }

        /// <summary>Originator of that command (8 bytes) or null.</summary>
        public byte[] TriggeringOriginatorId { get; private set; }

        public ulong TriggeringOriginatorCounter { get; private set; }

        public void SetTrigger(int messageCode, byte[] originatorId, ulong originatorCounter)
        {
            if (messageCode < 0 || messageCode > 0xFFFF || originatorId == null || originatorId.Length != 8)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "alert trigger needs a message code and an 8-byte originator");
            }

            TriggeringMessageCode = messageCode;
            TriggeringOriginatorId = new byte[8];
            Array.Copy(originatorId, 0, TriggeringOriginatorId, 0, 8);
            TriggeringOriginatorCounter = originatorCounter;
        }

        public byte[] Encode()
        {
            DerWriter w = new DerWriter(64);
            w.PushSequence();
            GbcsDer.WriteInteger(w, (ulong)AlertCode);
            if (HasTrigger)
            {
                w.PushSequence();
                GbcsDer.WriteInteger(w, (ulong)TriggeringMessageCode);
                w.WriteOctetString(TriggeringOriginatorId, 0, 8);
                GbcsDer.WriteInteger(w, TriggeringOriginatorCounter);
                w.PopSequence();
            }

            w.PopSequence();
            return w.ToArray();
        }

        /// <summary>
        /// A complete alert frame from <paramref name="deviceId"/> to <paramref name="targetId"/>, signed when
        /// <paramref name="signer"/> is not null.
        /// </summary>
        public byte[] BuildFrame(ulong originatorCounter, byte[] deviceId, byte[] targetId, DateTime utcNow, IGbcsSigner signer)
        {
            GbcsMessageBuilder b = GbcsMessageBuilder.Alert(originatorCounter, deviceId, targetId, GbcsMessageCodes.DeviceAlert, utcNow);
            b.SetContent(Encode());
            return b.Build(signer);
        }

        public static GbcsAlert Parse(GbcsMessage message)
        {
            if (message == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no message");
            }

            if (message.CraFlag != GbcsCraFlag.Alert || message.MessageCode != GbcsMessageCodes.DeviceAlert)
            {
                throw new GbcsFormatException(GbcsError.WrongMessageCode, "not a device alert frame");
            }

            return Parse(message.Frame, message.ContentOffset, message.ContentLength);
        }

        public static GbcsAlert Parse(byte[] payload, int offset, int length)
        {
            GbcsDer.CheckView(payload, offset, length);
            try
            {
                DerReader outer = new DerReader(payload, offset, length);
                DerReader body = outer.ReadSequence();
                outer.ThrowIfNotEmpty();
                GbcsAlert alert = new GbcsAlert(GbcsDer.ReadSmall(ref body, DerTag.Integer, 0xFFFF, "alertCode"));
                if (body.HasData)
                {
                    DerReader trigger = body.ReadSequence();
                    int code = GbcsDer.ReadSmall(ref trigger, DerTag.Integer, 0xFFFF, "messageCode");
                    byte[] originator = GbcsDer.ReadFixedOctetString(ref trigger, 8, "originatorId");
                    ulong counter = GbcsDer.ReadUInt64(ref trigger, DerTag.Integer, "originatorCounter");
                    trigger.ThrowIfNotEmpty();
                    alert.SetTrigger(code, originator, counter);
                }

                body.ThrowIfNotEmpty();
                return alert;
            }
            catch (GbcsFormatException)
            {
                throw;
            }
            catch (TrustAnchorException e)
            {
                throw GbcsDer.Wrap(e, "alert payload");
            }
        }

        /// <summary>The alert code at the start of any alert payload here (device alerts and 0x00CB alike).</summary>
        public static int ReadAlertCode(byte[] payload, int offset, int length)
        {
            GbcsDer.CheckView(payload, offset, length);
            try
            {
                DerReader outer = new DerReader(payload, offset, length);
                DerReader body = outer.ReadSequence();
                return GbcsDer.ReadSmall(ref body, DerTag.Integer, 0xFFFF, "alertCode");
            }
            catch (GbcsFormatException)
            {
                throw;
            }
            catch (TrustAnchorException e)
            {
                throw GbcsDer.Wrap(e, "alert payload");
            }
        }

        /// <summary>The alert code of an alert frame's payload.</summary>
        public static int ReadAlertCode(GbcsMessage message)
        {
            if (message == null || message.CraFlag != GbcsCraFlag.Alert)
            {
                throw new GbcsFormatException(GbcsError.WrongMessageCode, "not an alert frame");
            }

            return ReadAlertCode(message.Frame, message.ContentOffset, message.ContentLength);
        }
    }
}
