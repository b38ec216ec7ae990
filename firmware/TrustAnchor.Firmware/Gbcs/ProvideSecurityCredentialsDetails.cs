using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// CS02a Provide Security Credentials Details command (0x0008): <c>SEQUENCE {
    /// authorisingRemotePartyTACellIdentifier TrustAnchorCellIdentifier, remotePartyRolesCredentialsRequired
    /// SEQUENCE OF INTEGER }</c>.
    /// </summary>
    public sealed class ProvideSecurityCredentialsDetails
    {
        public ProvideSecurityCredentialsDetails(TrustAnchorCellIdentifier authorisingCell, RemotePartyRole[] roles)
        {
            if (authorisingCell == null || roles == null)
            {
                throw new GbcsFormatException(GbcsError.InvalidArgument, "CS02a needs the authorising cell and the roles");
            }

            AuthorisingRemotePartyCell = authorisingCell;
            Roles = roles;
        }

        public TrustAnchorCellIdentifier AuthorisingRemotePartyCell { get; private set; }

        /// <summary>remotePartyRolesCredentialsRequired.</summary>
        public RemotePartyRole[] Roles { get; private set; }

        public byte[] Encode()
        {
            DerWriter w = new DerWriter(64);
            w.PushSequence();
            GbcsDer.WriteCell(w, AuthorisingRemotePartyCell, DerTag.Sequence);
            w.PushSequence();
            for (int i = 0; i < Roles.Length; i++)
            {
                if (Roles[i] < 0)
                {
                    throw new GbcsFormatException(GbcsError.InvalidArgument, "negative role");
                }

                GbcsDer.WriteInteger(w, (ulong)Roles[i]);
            }

            w.PopSequence();
            w.PopSequence();
            return w.ToArray();
        }

        public static ProvideSecurityCredentialsDetails Parse(GbcsMessage message)
        {
            GbcsPayload.Expect(message, GbcsMessageCodes.ProvideSecurityCredentialsDetails, "CS02a");
            return Parse(message.Frame, message.ContentOffset, message.ContentLength);
        }

        public static ProvideSecurityCredentialsDetails Parse(byte[] payload, int offset, int length)
        {
            GbcsDer.CheckView(payload, offset, length);
            try
            {
                DerReader outer = new DerReader(payload, offset, length);
                DerReader body = outer.ReadSequence();
                outer.ThrowIfNotEmpty();
                TrustAnchorCellIdentifier cell = GbcsDer.ReadCell(ref body, DerTag.Sequence);
                DerReader list = body.ReadSequence();
                body.ThrowIfNotEmpty();
                int count = 0;
                DerReader counter = list;
                while (counter.HasData)
                {
                    counter.Skip();
                    count++;
                }

                RemotePartyRole[] roles = new RemotePartyRole[count];
                for (int i = 0; i < count; i++)
                {
                    roles[i] = (RemotePartyRole)GbcsDer.ReadSmall(ref list, DerTag.Integer, 127, "remotePartyRole");
                }

                return new ProvideSecurityCredentialsDetails(cell, roles);
            }
            catch (GbcsFormatException)
            {
                throw;
            }
            catch (TrustAnchorException e)
            {
                throw GbcsDer.Wrap(e, "CS02a command");
            }
        }
    }
}
