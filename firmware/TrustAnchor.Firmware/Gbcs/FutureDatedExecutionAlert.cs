using System;
using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// Payload of the 0x00CB alert a device sends when a future-dated CS02b has run (NOTES section 9):
    /// <c>SEQUENCE { alertCode INTEGER (0x8F66 success | 0x8F67 failure), executionDateTime GeneralizedTime
    /// ("YYYYMMDDhhmmssZ"), executionOutcome ExecutionOutcome }</c>; the outcome is shaped like the CS02b response's
    /// [inferred]. <see cref="GbcsAlert.Parse(GbcsMessage)"/> reads it as one of the alert formats.
    /// </summary>
    public sealed class FutureDatedExecutionAlert
    {
        public FutureDatedExecutionAlert(int alertCode, DateTime executionDateTime, ExecutionOutcome outcome)
        {
            if (outcome == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no execution outcome");
            }

            AlertCode = alertCode;
            ExecutionDateTime = executionDateTime;
            Outcome = outcome;
        }

        /// <summary><see cref="GbcsAlertCodes.FutureDatedExecutionSucceeded"/> or <see cref="GbcsAlertCodes.FutureDatedExecutionFailed"/>.</summary>
        public int AlertCode { get; private set; }

        public DateTime ExecutionDateTime { get; private set; }

        public ExecutionOutcome Outcome { get; private set; }

        public bool Succeeded
        {
            get { return AlertCode == GbcsAlertCodes.FutureDatedExecutionSucceeded; }
        }

        public byte[] Encode()
        {
            DerWriter w = new DerWriter(256);
            w.PushSequence();
            GbcsDer.WriteInteger(w, (ulong)AlertCode);
            w.WriteGeneralizedTime(ExecutionDateTime);
            Outcome.Write(w);
            w.PopSequence();
            return w.ToArray();
        }

        public static FutureDatedExecutionAlert Parse(GbcsMessage message)
        {
            if (message == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no message");
            }

            if (message.MessageCode != GbcsMessageCodes.FutureDatedUpdateSecurityCredentialsAlert || message.CraFlag != GbcsCraFlag.Alert)
            {
                throw new GbcsFormatException(GbcsError.WrongMessageCode, "not a 0x00CB alert");
            }

            return Parse(message.Frame, message.ContentOffset, message.ContentLength);
        }

        public static FutureDatedExecutionAlert Parse(byte[] payload, int offset, int length)
        {
            GbcsDer.CheckView(payload, offset, length);
            try
            {
                DerReader outer = new DerReader(payload, offset, length);
                DerReader body = outer.ReadSequence();
                outer.ThrowIfNotEmpty();
                int code = GbcsDer.ReadSmall(ref body, DerTag.Integer, 0xFFFF, "alertCode");
                if (code != GbcsAlertCodes.FutureDatedExecutionSucceeded && code != GbcsAlertCodes.FutureDatedExecutionFailed)
                {
                    throw GbcsDer.Range("alert code 0x" + code.ToString("X4") + " is not 0x8F66 or 0x8F67");
                }

                DateTime when = body.ReadGeneralizedTime();
                ExecutionOutcome outcome = ExecutionOutcome.Read(ref body);
                body.ThrowIfNotEmpty();
                return new FutureDatedExecutionAlert(code, when, outcome);
            }
            catch (GbcsFormatException)
            {
                throw;
            }
            catch (TrustAnchorException e)
            {
                throw GbcsDer.Wrap(e, "0x00CB alert");
            }
        }
    }
}
