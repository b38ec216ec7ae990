using TrustAnchor.Firmware.Asn1;
using TrustAnchor.Firmware.Certificates;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Provisioning
{
    /// <summary>
    /// A parsed manufacturing pack (format: firmware/docs/manufacturing-pack.md). Parsing is structural and strict
    /// (DER, version 1, no trailing bytes, every certificate parses, no cell twice); whether the certificates are
    /// fit for the cells is <see cref="FactoryProvisioning"/>'s job. Certificates are views into the pack bytes.
    /// </summary>
    public sealed class ManufacturingPack
    {
        public const int Version = 1;
        private const int Utf8StringTag = 0x0C;

        private readonly byte[] _der;
        private readonly string _name;
        private readonly Certificate _root;
        private readonly PackCellEntry[] _cells;
        private readonly Certificate[] _path;

        private ManufacturingPack(byte[] der, string name, Certificate root, PackCellEntry[] cells, Certificate[] path)
        {
            _der = der;
            _name = name;
            _root = root;
            _cells = cells;
            _path = path;
        }

        public byte[] Der { get { return _der; } }

        /// <summary>Informative name, e.g. "DCC-2016" (non-ASCII characters shown as '?').</summary>
        public string Name { get { return _name; } }

        public Certificate RootOcaCertificate { get { return _root; } }

        public int CellCount { get { return _cells.Length; } }

        public PackCellEntry GetCell(int index)
        {
            if (index < 0 || index >= _cells.Length)
            {
                throw new PackException(PackError.MissingCell, null, "pack cell index " + index.ToString() + " out of range");
            }

            return _cells[index];
        }

        /// <summary>The entry for <paramref name="id"/>, or null when the pack has none.</summary>
        public PackCellEntry Find(TrustAnchorCellIdentifier id)
        {
            for (int i = 0; i < _cells.Length; i++)
            {
                if (_cells[i].Target.Equals(id))
                {
                    return _cells[i];
                }
            }

            return null;
        }

        /// <summary>A copy of the certification-path certificates (the Issuing OCA).</summary>
        public Certificate[] CertificationPathCertificates
        {
            get
            {
                Certificate[] copy = new Certificate[_path.Length];
                System.Array.Copy(_path, 0, copy, 0, _path.Length);
                return copy;
            }
        }

        /// <summary>Parses a pack; throws <see cref="PackException"/> naming the element at fault.</summary>
        public static ManufacturingPack Parse(byte[] der)
        {
            if (der == null)
            {
                throw new PackException(PackError.Malformed, null, "no pack");
            }

            string where = "pack";
            try
            {
                DerReader outer = new DerReader(der);
                DerReader pack = outer.ReadSequence();
                outer.ThrowIfNotEmpty();

                where = "version";
                int version = pack.ReadInt32();
                if (version != Version)
                {
                    throw new PackException(PackError.UnsupportedVersion, where,
                        "pack version " + version.ToString() + " is not supported (expected 1)");
                }

                where = "packName";
                int nameOffset;
                int nameLength;
                pack.ReadElement(Utf8StringTag, out nameOffset, out nameLength);
                string name = Ascii(der, nameOffset, nameLength);

                where = "root";
                Certificate root = ReadCertificate(ref pack, der, where);

                where = "cells";
                DerReader cellList = pack.ReadSequence();
                PackCellEntry[] cells = new PackCellEntry[Count(cellList)];
                for (int i = 0; i < cells.Length; i++)
                {
                    where = "pack cell " + (i + 1).ToString();
                    DerReader cell = cellList.ReadSequence();
                    TrustAnchorCellIdentifier target = TrustAnchorCellIdentifier.Decode(ref cell);
                    where = target.ToString();
                    for (int j = 0; j < i; j++)
                    {
                        if (cells[j].Target.Equals(target))
                        {
                            throw new PackException(PackError.DuplicateCell, where, "the pack fills this cell twice");
                        }
                    }

                    Certificate certificate = ReadCertificate(ref cell, der, where);
                    cell.ThrowIfNotEmpty();
                    cells[i] = new PackCellEntry(target, certificate);
                }

                where = "certification path";
                DerReader pathList = pack.ReadSequence();
                Certificate[] path = new Certificate[Count(pathList)];
                for (int i = 0; i < path.Length; i++)
                {
                    where = "certification path " + (i + 1).ToString();
                    path[i] = ReadCertificate(ref pathList, der, where);
                }

                where = "pack";
                pack.ThrowIfNotEmpty();
                return new ManufacturingPack(der, name, root, cells, path);
            }
            catch (PackException)
            {
                throw;
            }
            catch (TrustAnchorException e)
            {
                throw new PackException(PackError.Malformed, where, e.Message);
            }
        }

        private static Certificate ReadCertificate(ref DerReader reader, byte[] der, string where)
        {
            int offset;
            int length;
            reader.ReadEncodedValue(out offset, out length);
            try
            {
                return Certificate.Parse(der, offset, length);
            }
            catch (TrustAnchorException e)
            {
                throw new PackException(PackError.CertificateMalformed, where, "certificate does not parse: " + e.Message);
            }
        }

        /// <summary>Number of elements in a SEQUENCE OF, walking a copy of the reader (validates each TLV).</summary>
        private static int Count(DerReader list)
        {
            int count = 0;
            while (list.HasData)
            {
                list.Skip();
                count++;
            }

            return count;
        }

        private static string Ascii(byte[] buffer, int offset, int length)
        {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                byte b = buffer[offset + i];
                chars[i] = b >= 0x20 && b < 0x7F ? (char)b : '?';
            }

            return new string(chars);
        }
    }
}
