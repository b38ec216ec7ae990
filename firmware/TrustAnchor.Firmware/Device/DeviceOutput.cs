namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// What the device sends back for one received frame (or one <see cref="GbcsDevice.Poll"/>): at most one
    /// response frame and any number of alert frames. Never null fields: no response is an empty array.
    /// </summary>
    public sealed class DeviceOutput
    {
        private static readonly byte[] NoBytes = new byte[0];
        private static readonly byte[][] NoAlerts = new byte[0][];

        public DeviceOutput(byte[] response, byte[][] alerts)
        {
            Response = response ?? NoBytes;
            Alerts = alerts ?? NoAlerts;
        }

        /// <summary>The response frame; empty when the device does not answer.</summary>
        public byte[] Response { get; private set; }

        /// <summary>Alert frames, in the order raised.</summary>
        public byte[][] Alerts { get; private set; }

        public bool HasResponse
        {
            get { return Response.Length != 0; }
        }

        public static DeviceOutput Empty
        {
            get { return new DeviceOutput(null, null); }
        }
    }
}
