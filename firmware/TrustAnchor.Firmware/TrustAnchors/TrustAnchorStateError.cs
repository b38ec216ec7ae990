namespace TrustAnchor.Firmware.TrustAnchors
{
    /// <summary>Codes of <see cref="TrustAnchorStateException"/> (range 400-499).</summary>
    public enum TrustAnchorStateError
    {
        InvalidCellIdentifier = 401,
        UnknownDeviceType = 402,
        CellNotFound = 403,
        IncompleteCellSet = 404,
        DuplicateCell = 405,
        InvalidEntityId = 406,
        InvalidSubjectKeyId = 407,
        InvalidPublicKey = 408,
        UnknownRemoteParty = 409,
        CounterWentBackwards = 410,
        DeviceTypeMismatch = 411,
        ReadOnlyState = 412,
    }
}
