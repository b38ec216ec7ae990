namespace System.Security.Cryptography
{
    /// <summary>Stand-in: the block cipher modes nanoFramework's Aes offers. Values are ours; the real package's apply on a board.</summary>
    public enum CipherMode
    {
        None,
        CBC,
        ECB,
    }
}
