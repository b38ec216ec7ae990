using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// CS02c response payload: the PKCS#10 CertificationRequest itself (DER, built by <see cref="Pkcs10Builder"/>).
    /// Parsing checks the outer shape only — <c>SEQUENCE { SEQUENCE, SEQUENCE, BIT STRING }</c> — and keeps a view;
    /// the SMKI side verifies the request.
    /// </summary>
    public sealed class IssueSecurityCredentialsResponse
    {
        public IssueSecurityCredentialsResponse(DerView certificationRequest)
        {
            if (certificationRequest == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "no certification request");
            }

            CertificationRequest = certificationRequest;
        }

        public IssueSecurityCredentialsResponse(byte[] certificationRequestDer)
            : this(new DerView(certificationRequestDer))
        {
        }

        public DerView CertificationRequest { get; private set; }

        public byte[] Encode()
        {
            return CertificationRequest.ToArray();
        }

        public static IssueSecurityCredentialsResponse Parse(GbcsMessage message)
        {
            GbcsPayload.Expect(message, GbcsMessageCodes.IssueSecurityCredentials, "CS02c");
            return Parse(message.Frame, message.ContentOffset, message.ContentLength);
        }

        public static IssueSecurityCredentialsResponse Parse(byte[] payload, int offset, int length)
        {
            GbcsDer.CheckView(payload, offset, length);
            try
            {
                DerReader outer = new DerReader(payload, offset, length);
                DerView view = GbcsDer.ReadView(ref outer, DerTag.Sequence, "CertificationRequest");
                outer.ThrowIfNotEmpty();
                DerReader request = new DerReader(payload, offset, length).ReadSequence();
                request.ReadSequence();
                request.ReadSequence();
                int unused;
                int bitsOffset;
                int bitsLength;
                request.ReadBitString(out unused, out bitsOffset, out bitsLength);
                request.ThrowIfNotEmpty();
                return new IssueSecurityCredentialsResponse(view);
            }
            catch (GbcsFormatException)
            {
                throw;
            }
            catch (TrustAnchorException e)
            {
                throw GbcsDer.Wrap(e, "CS02c response");
            }
        }
    }
}
