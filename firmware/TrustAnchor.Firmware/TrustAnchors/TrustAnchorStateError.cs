namespace TrustAnchor.Firmware.TrustAnchors
{
    /// <summary>Codes of <see cref="TrustAnchorStateException"/> (range 400-499).</summary>
    public static class TrustAnchorStateError
    {
        public const int InvalidCellIdentifier = 401;
        public const int UnknownDeviceType = 402;
        public const int CellNotFound = 403;
        public const int IncompleteCellSet = 404;
        public const int DuplicateCell = 405;
        public const int InvalidEntityId = 406;
        public const int InvalidSubjectKeyId = 407;
        public const int InvalidPublicKey = 408;
        public const int UnknownRemoteParty = 409;
        public const int CounterWentBackwards = 410;
        public const int DeviceTypeMismatch = 411;
        public const int ReadOnlyState = 412;
    }
}
