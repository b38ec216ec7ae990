using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>CS02d response payload (our layout): <c>SEQUENCE { result INTEGER (0..7) }</c> (<see cref="UpdateDeviceCertificateResult"/>).</summary>
    public sealed class UpdateDeviceCertificateResponse
    {
        public UpdateDeviceCertificateResponse(UpdateDeviceCertificateResult result)
        {
            if (result < 0 || (int)result > UpdateDeviceCertificateResults.Max)
            {
                throw GbcsDer.Range("CS02d result " + ((int)result).ToString() + " is not 0..7");
            }

            Result = result;
        }

        public UpdateDeviceCertificateResult Result { get; private set; }

        public byte[] Encode()
        {
            DerWriter w = new DerWriter(8);
            w.PushSequence();
            GbcsDer.WriteInteger(w, (ulong)Result);
            w.PopSequence();
            return w.ToArray();
        }

        public static UpdateDeviceCertificateResponse Parse(GbcsMessage message)
        {
            GbcsPayload.Expect(message, GbcsMessageCodes.UpdateDeviceCertificates, "CS02d");
            return Parse(message.Frame, message.ContentOffset, message.ContentLength);
        }

        public static UpdateDeviceCertificateResponse Parse(byte[] payload, int offset, int length)
        {
            GbcsDer.CheckView(payload, offset, length);
            try
            {
                DerReader outer = new DerReader(payload, offset, length);
                DerReader body = outer.ReadSequence();
                outer.ThrowIfNotEmpty();
                int result = GbcsDer.ReadSmall(ref body, DerTag.Integer, UpdateDeviceCertificateResults.Max, "result");
                body.ThrowIfNotEmpty();
                return new UpdateDeviceCertificateResponse((UpdateDeviceCertificateResult)result);
            }
            catch (GbcsFormatException)
            {
                throw;
            }
            catch (TrustAnchorException e)
            {
                throw GbcsDer.Wrap(e, "CS02d response");
            }
        }
    }
}
