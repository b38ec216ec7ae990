namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>
    /// CS02d results 0..7 (NOTES names 0 and 7; the ones between are our choice, gbcs-framing.md).
    /// </summary>
    public static class UpdateDeviceCertificateResult
    {
        public const int Success = 0;
        /// <summary>Not a readable Device Certificate, or it breaks the Device Certificate profile.</summary>
        public const int BadCertificate = 1;
        /// <summary>hardwareModuleName's hwSerialNum is not this device's EUI-64.</summary>
        public const int WrongDeviceIdentity = 2;
        /// <summary>keyUsage is not exactly digitalSignature or keyAgreement.</summary>
        public const int WrongKeyUsage = 3;
        /// <summary>The public key is not the one the device generated for that usage.</summary>
        public const int PublicKeyMismatch = 4;
        /// <summary>No key pair is waiting for a certificate (no CS02c for that usage).</summary>
        public const int NoPendingKeyPair = 5;
        public const int InsufficientMemory = 6;
        /// <summary>The new private key could not be put into use.</summary>
        public const int PrivateKeyChangeFailed = 7;

        public const int Max = 7;
    }
}
