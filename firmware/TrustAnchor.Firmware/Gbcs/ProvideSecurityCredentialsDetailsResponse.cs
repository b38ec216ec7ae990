using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>CS02a response payload: <c>SEQUENCE OF RemotePartyCredentials</c>, one per role asked for.</summary>
    public sealed class ProvideSecurityCredentialsDetailsResponse
    {
        public ProvideSecurityCredentialsDetailsResponse(RemotePartyCredentials[] parties)
        {
            Parties = parties == null ? new RemotePartyCredentials[0] : parties;
        }

        public RemotePartyCredentials[] Parties { get; private set; }

        public byte[] Encode()
        {
            DerWriter w = new DerWriter(256);
            w.PushSequence();
            for (int i = 0; i < Parties.Length; i++)
            {
                if (Parties[i] == null)
                {
                    throw new GbcsFormatException(GbcsError.InvalidArgument, "null party");
                }

                Parties[i].Write(w);
            }

            w.PopSequence();
            return w.ToArray();
        }

        public static ProvideSecurityCredentialsDetailsResponse Parse(GbcsMessage message)
        {
            GbcsPayload.Expect(message, GbcsMessageCodes.ProvideSecurityCredentialsDetails, "CS02a");
            return Parse(message.Frame, message.ContentOffset, message.ContentLength);
        }

        public static ProvideSecurityCredentialsDetailsResponse Parse(byte[] payload, int offset, int length)
        {
            GbcsDer.CheckView(payload, offset, length);
            try
            {
                DerReader outer = new DerReader(payload, offset, length);
                DerReader list = outer.ReadSequence();
                outer.ThrowIfNotEmpty();
                int count = 0;
                DerReader counter = list;
                while (counter.HasData)
                {
                    counter.Skip();
                    count++;
                }

                RemotePartyCredentials[] parties = new RemotePartyCredentials[count];
                for (int i = 0; i < count; i++)
                {
                    parties[i] = RemotePartyCredentials.Read(ref list);
                }

                return new ProvideSecurityCredentialsDetailsResponse(parties);
            }
            catch (GbcsFormatException)
            {
                throw;
            }
            catch (TrustAnchorException e)
            {
                throw GbcsDer.Wrap(e, "CS02a response");
            }
        }
    }
}
