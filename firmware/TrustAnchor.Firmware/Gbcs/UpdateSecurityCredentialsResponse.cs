using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// CS02b response payload: <c>SEQUENCE { commandAccepted NULL, executionOutcome ExecutionOutcome OPTIONAL }</c>.
    /// A future-dated command is answered with the outcome left out: <c>30 02 05 00</c>; the outcome then comes
    /// later in the 0x00CB alert (<see cref="FutureDatedExecutionAlert"/>).
    /// </summary>
    public sealed class UpdateSecurityCredentialsResponse
    {
        public UpdateSecurityCredentialsResponse(ExecutionOutcome outcome)
        {
            Outcome = outcome;
        }

        /// <summary>Null for the future-dated acknowledgement.</summary>
        public ExecutionOutcome Outcome { get; private set; }

        public bool IsFutureDatedAcknowledgement
        {
            get { return Outcome == null; }
        }

        /// <summary>The future-dated acknowledgement, <c>30 02 05 00</c>.</summary>
        public static byte[] EncodeFutureDated()
        {
            return new UpdateSecurityCredentialsResponse(null).Encode();
        }

        public byte[] Encode()
        {
            DerWriter w = new DerWriter(256);
            w.PushSequence();
            w.WriteNull();
            if (Outcome != null)
            {
                Outcome.Write(w);
            }

            w.PopSequence();
            return w.ToArray();
        }

        public static UpdateSecurityCredentialsResponse Parse(GbcsMessage message)
        {
            if (message == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no message");
            }

            if (!GbcsMessageCodes.IsUpdateSecurityCredentials(message.MessageCode))
            {
                throw new GbcsFormatException(GbcsError.WrongMessageCode, "message code 0x" + message.MessageCode.ToString("X4") + " is not CS02b");
            }

            return Parse(message.Frame, message.ContentOffset, message.ContentLength);
        }

        public static UpdateSecurityCredentialsResponse Parse(byte[] payload, int offset, int length)
        {
            GbcsDer.CheckView(payload, offset, length);
            try
            {
                DerReader outer = new DerReader(payload, offset, length);
                DerReader body = outer.ReadSequence();
                outer.ThrowIfNotEmpty();
                body.ReadNull();
                ExecutionOutcome outcome = null;
                if (body.HasData)
                {
                    outcome = ExecutionOutcome.Read(ref body);
                }

                body.ThrowIfNotEmpty();
                return new UpdateSecurityCredentialsResponse(outcome);
            }
            catch (GbcsFormatException)
            {
                throw;
            }
            catch (TrustAnchorException e)
            {
                throw GbcsDer.Wrap(e, "CS02b response");
            }
        }
    }
}
