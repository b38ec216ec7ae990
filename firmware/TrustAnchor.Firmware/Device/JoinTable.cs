using System;
using TrustAnchor.Firmware.Gbcs;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// A meter's join table: the devices CS03 commands told it it works with, one row each (the other device's
    /// EUI-64, then its device type). Fixed rows, allocated once; held in RAM by this reference implementation.
    /// </summary>
    internal sealed class JoinTable
    {
        /// <summary>Rows in a meter's join table [inferred].</summary>
        internal const int Size = 8;

        private readonly byte[][] _rows = new byte[Size][];
        private int _count;

        internal int Count
        {
            get { return _count; }
        }

        /// <summary>Row <paramref name="index"/> (a copy).</summary>
        internal byte[] Row(int index)
        {
            byte[] copy = new byte[JoinDevice.Size];
            Array.Copy(_rows[index], 0, copy, 0, copy.Length);
            return copy;
        }

        /// <summary>True when a row for <paramref name="eui64"/> can be written: the table has room, or already holds it.</summary>
        internal bool HasRoomFor(byte[] eui64)
        {
            return _count < Size || IndexOf(eui64) >= 0;
        }

        /// <summary>Writes <paramref name="row"/> over the other device's row, or into the next free one.</summary>
        internal void Write(byte[] row)
        {
            int i = IndexOf(row);
            if (i >= 0)
            {
                _rows[i] = row;
            }
            else
            {
                _rows[_count++] = row;
            }
        }

        /// <summary>The row whose first eight bytes are <paramref name="eui64"/>'s, or -1.</summary>
        private int IndexOf(byte[] eui64)
        {
            for (int i = 0; i < _count; i++)
            {
                bool same = true;
                for (int k = 0; k < 8; k++)
                {
                    if (_rows[i][k] != eui64[k])
                    {
                        same = false;
                        break;
                    }
                }

                if (same)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
