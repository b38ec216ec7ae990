namespace System.Security.Cryptography
{
    /// <summary>Stand-in for nanoFramework's HMACSHA512 (native): signatures only, every body throws.</summary>
    public class HMACSHA512 : IDisposable
    {
        public HMACSHA512()
        {
            throw new NotSupportedException();
        }

        public HMACSHA512(byte[] key)
        {
            throw new NotSupportedException();
        }

        public byte[] Hash
        {
            get { throw new NotSupportedException(); }
        }

        public byte[] Key
        {
            get { throw new NotSupportedException(); }
            set { throw new NotSupportedException(); }
        }

        public static byte[] HashData(byte[] key, byte[] source)
        {
            throw new NotSupportedException();
        }

        public byte[] ComputeHash(byte[] buffer)
        {
            throw new NotSupportedException();
        }

        public void Dispose()
        {
            Dispose(true);
        }

        protected virtual void Dispose(bool disposing)
        {
            throw new NotSupportedException();
        }
    }
}
