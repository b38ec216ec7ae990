using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Storage
{
    /// <summary>
    /// The byte image of a <see cref="TrustAnchorState"/> inside a store slot (layout in
    /// firmware/docs/store-layout.md). Fixed-size fields, big-endian counters; the decoder is strict
    /// (exact lengths, the device type's cell set in order) and throws only typed errors.
    /// </summary>
    public static class StateImage
    {
        public const int Version = 1;
        private const int CellSize = 3 + TrustAnchorCell.EntityIdLength + TrustAnchorCell.SubjectKeyIdLength + TrustAnchorCell.PublicKeyLength;
        private const int PartySize = 1 + 8;

        public static int EncodedLength(TrustAnchorState state)
        {
            return 3 + state.CellCount * CellSize + 1 + state.RemotePartyCount * PartySize + 8;
        }

        public static byte[] Encode(TrustAnchorState state)
        {
            byte[] image = new byte[EncodedLength(state)];
            int p = 0;
            image[p++] = Version;
            image[p++] = (byte)state.DeviceType;
            image[p++] = (byte)state.CellCount;
            for (int i = 0; i < state.CellCount; i++)
            {
                TrustAnchorCell cell = state.GetCell(i);
                image[p++] = (byte)cell.Id.Role;
                image[p++] = (byte)cell.Id.KeyUsage;
                image[p++] = (byte)cell.Id.CellUsage;
                p = Put(cell.EntityId, image, p);
                p = Put(cell.SubjectKeyId, image, p);
                p = Put(cell.PublicKey, image, p);
            }

            image[p++] = (byte)state.RemotePartyCount;
            for (int i = 0; i < state.RemotePartyCount; i++)
            {
                RemotePartyRole role = state.GetRemotePartyRole(i);
                image[p++] = (byte)role;
                WriteUInt64(state.GetSequenceNumber(role), image, p);
                p += 8;
            }

            WriteUInt64(state.TopUpSequenceNumber, image, p);
            return image;
        }

        /// <summary>Decodes an image; throws <see cref="StoreException"/> (<c>InvalidImage</c>) on anything malformed.</summary>
        public static TrustAnchorState Decode(byte[] image, int offset, int length)
        {
            if (image == null || offset < 0 || length < 0 || offset > image.Length - length)
            {
                throw Invalid("image bounds out of range");
            }

            int end = offset + length;
            int p = offset;
            Need(p, 3, end);
            if (image[p] != Version)
            {
                throw Invalid("unknown state image version " + image[p].ToString());
            }

            int deviceType = image[p + 1];
            int cellCount = image[p + 2];
            p += 3;

            TrustAnchorCellIdentifier[] set;
            try
            {
                set = CellSets.For((DeviceType)deviceType);
            }
            catch (TrustAnchorException)
            {
                throw Invalid("unknown device type " + deviceType.ToString());
            }

            if (cellCount != set.Length)
            {
                throw Invalid("cell count " + cellCount.ToString() + " does not match the device type");
            }

            Need(p, cellCount * CellSize, end);
            TrustAnchorCell[] cells = new TrustAnchorCell[cellCount];
            for (int i = 0; i < cellCount; i++)
            {
                if (!set[i].Equals((RemotePartyRole)image[p], (KeyUsage)image[p + 1], (CellUsage)image[p + 2]))
                {
                    throw Invalid("cell " + i.ToString() + " is not " + set[i].ToString());
                }

                byte[] entityId = Take(image, p + 3, TrustAnchorCell.EntityIdLength);
                byte[] ski = Take(image, p + 3 + TrustAnchorCell.EntityIdLength, TrustAnchorCell.SubjectKeyIdLength);
                byte[] key = Take(image, p + 3 + TrustAnchorCell.EntityIdLength + TrustAnchorCell.SubjectKeyIdLength, TrustAnchorCell.PublicKeyLength);
                try
                {
                    cells[i] = new TrustAnchorCell(set[i], entityId, ski, key);
                }
                catch (TrustAnchorException e)
                {
                    throw Invalid(e.Message);
                }

                p += CellSize;
            }

            TrustAnchorState state = new TrustAnchorState((DeviceType)deviceType, cells);
            Need(p, 1, end);
            int partyCount = image[p++];
            if (partyCount != state.RemotePartyCount)
            {
                throw Invalid("remote party count " + partyCount.ToString() + " does not match the device type");
            }

            Need(p, partyCount * PartySize + 8, end);
            for (int i = 0; i < partyCount; i++)
            {
                RemotePartyRole role = state.GetRemotePartyRole(i);
                if (image[p] != (int)role)
                {
                    throw Invalid("remote party " + i.ToString() + " is not " + RemotePartyRoles.Name(role));
                }

                state.LoadSequenceNumber(role, ReadUInt64(image, p + 1));
                p += PartySize;
            }

            state.LoadTopUpSequenceNumber(ReadUInt64(image, p));
            p += 8;
            if (p != end)
            {
                throw Invalid("trailing bytes after the state");
            }

            return state;
        }

        internal static void WriteUInt64(ulong value, byte[] buffer, int offset)
        {
            for (int i = 7; i >= 0; i--)
            {
                buffer[offset + i] = (byte)value;
                value >>= 8;
            }
        }

        internal static ulong ReadUInt64(byte[] buffer, int offset)
        {
            ulong value = 0;
            for (int i = 0; i < 8; i++)
            {
                value = (value << 8) | buffer[offset + i];
            }

            return value;
        }

        private static void Need(int position, int count, int end)
        {
            if (count > end - position)
            {
                throw Invalid("state image truncated");
            }
        }

        private static int Put(byte[] source, byte[] image, int p)
        {
            System.Array.Copy(source, 0, image, p, source.Length);
            return p + source.Length;
        }

        private static byte[] Take(byte[] image, int offset, int count)
        {
            byte[] value = new byte[count];
            System.Array.Copy(image, offset, value, 0, count);
            return value;
        }

        private static StoreException Invalid(string reason)
        {
            return new StoreException(StoreError.InvalidImage, "state image: " + reason);
        }
    }
}
