namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// CS02d results 0..7 (NOTES names 0 and 7; the ones between are our choice, gbcs-framing.md).
    /// </summary>
    public enum UpdateDeviceCertificateResult
    {
        Success = 0,
        /// <summary>Not a readable Device Certificate, or it breaks the Device Certificate profile.</summary>
        BadCertificate = 1,
        /// <summary>hardwareModuleName's hwSerialNum is not this device's EUI-64.</summary>
        WrongDeviceIdentity = 2,
        /// <summary>keyUsage is not exactly digitalSignature or keyAgreement.</summary>
        WrongKeyUsage = 3,
        /// <summary>The public key is not the one the device generated for that usage.</summary>
        PublicKeyMismatch = 4,
        /// <summary>No key pair is waiting for a certificate (no CS02c for that usage).</summary>
        NoPendingKeyPair = 5,
        InsufficientMemory = 6,
        /// <summary>The new private key could not be put into use.</summary>
        PrivateKeyChangeFailed = 7,
    }

    /// <summary>The range of <see cref="UpdateDeviceCertificateResult"/>: a decoded integer is checked against it before the cast.</summary>
    public static class UpdateDeviceCertificateResults
    {
        public const int Max = 7;
    }
}
