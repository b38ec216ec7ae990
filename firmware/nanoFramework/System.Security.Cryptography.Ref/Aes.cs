namespace System.Security.Cryptography
{
    /// <summary>Stand-in for nanoFramework's Aes (AES-128/256 over the native mbedTLS): signatures only, every body throws.</summary>
    public class Aes
    {
        public Aes(CipherMode mode)
        {
            throw new NotSupportedException();
        }

        public byte[] Key
        {
            get { throw new NotSupportedException(); }
            set { throw new NotSupportedException(); }
        }

        public byte[] IV
        {
            get { throw new NotSupportedException(); }
            set { throw new NotSupportedException(); }
        }

        public CipherMode Mode
        {
            get { throw new NotSupportedException(); }
            set { throw new NotSupportedException(); }
        }

        public byte[] Encrypt(byte[] data)
        {
            throw new NotSupportedException();
        }

        public byte[] Decrypt(byte[] data)
        {
            throw new NotSupportedException();
        }

        public void GenerateIV()
        {
            throw new NotSupportedException();
        }
    }
}
