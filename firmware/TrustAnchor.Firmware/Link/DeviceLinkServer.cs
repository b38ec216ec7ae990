using System.Threading;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Errors;

namespace TrustAnchor.Firmware.Link
{
    /// <summary>
    /// The device side of the device link (firmware/docs/device-link.md): READY on connect, each FRAME through the
    /// device then its FRAMEs and DONE, RESTART as a power cycle then READY, FACTORY to load a factory file, ERROR
    /// for anything it cannot do. The same loop runs on a board (UART, or TCP on an ESP32) and in the simulator's
    /// device process (TCP, serial).
    /// </summary>
    public sealed class DeviceLinkServer
    {
        /// <summary>How long a read waits before the idle work (due future-dated executions) runs.</summary>
        public const int PollIntervalMs = 250;

        /// <summary>Quiet time that ends a serial resynchronisation.</summary>
        public const int QuietGapMs = 200;

        private readonly ILinkedDevice _device;
        private readonly bool _resynchronise;
        private readonly int _gapTimeoutMs;
        private readonly ILinkLog _log;
        // Set from another thread (a signal handler, a button); read through Interlocked (no volatile on nanoFramework).
        private int _stop;

        /// <param name="device">The device served.</param>
        /// <param name="resynchronise">Serial: after a bad length or a stalled message, drop input until quiet and carry on.
        /// Stream links (TCP) cannot resynchronise and close instead.</param>
        /// <param name="gapTimeoutMs">Longest wait for the next byte inside a message.</param>
        /// <param name="log">Optional.</param>
        public DeviceLinkServer(ILinkedDevice device, bool resynchronise, int gapTimeoutMs, ILinkLog log)
        {
            if (device == null)
            {
                throw new LinkException(LinkError.ChannelFailed, "a link server needs a device");
            }

            _device = device;
            _resynchronise = resynchronise;
            _gapTimeoutMs = gapTimeoutMs;
            _log = log;
        }

        /// <summary>Asks <see cref="Serve"/> to return within one poll interval.</summary>
        public void Stop()
        {
            Interlocked.Exchange(ref _stop, 1);
        }

        public bool StopRequested
        {
            get { return Interlocked.CompareExchange(ref _stop, 0, 0) != 0; }
        }

        /// <summary>
        /// Serves one connection until the peer closes it, it fails, a stream link's framing breaks, or <see cref="Stop"/>.
        /// Never throws for anything the peer sends.
        /// </summary>
        public void Serve(IByteChannel channel)
        {
            var reader = new LinkReader(channel, _gapTimeoutMs);
            var writer = new LinkWriter(channel);
            try
            {
                SendHello(writer);
                while (!StopRequested)
                {
                    LinkMessage message;
                    try
                    {
                        message = reader.Read(PollIntervalMs);
                    }
                    catch (LinkException e)
                    {
                        if (e.Code == LinkError.Closed || e.Code == LinkError.ChannelFailed)
                        {
                            Log("link: " + e.Message);
                            return;
                        }

                        // Bad length or a message cut short: say so, then resynchronise (serial) or give up (stream).
                        Log("link: " + e.Message);
                        writer.Write(LinkMessage.Error(e.Message));
                        if (!_resynchronise)
                        {
                            return;
                        }

                        reader.DropUntilQuiet(QuietGapMs);
                        continue;
                    }

                    if (message == null)
                    {
                        SendIdleAlerts(writer);
                        continue;
                    }

                    Handle(message, writer);
                }
            }
            catch (LinkException e)
            {
                // A write failed: the peer is gone.
                Log("link: " + e.Message);
            }
        }

        private void Handle(LinkMessage message, LinkWriter writer)
        {
            switch (message.Kind)
            {
                case LinkMessageKind.Frame:
                    if (!_device.IsReady)
                    {
                        writer.Write(LinkMessage.Error("no factory file loaded: send FACTORY first"));
                        return;
                    }

                    DeviceOutput output;
                    try
                    {
                        output = _device.Process(message.Body);
                    }
                    catch (TrustAnchorException e)
                    {
                        // Process answers every bad frame with alerts itself; this is a fault of the device set-up.
                        writer.Write(LinkMessage.Error("device fault: " + e.Message));
                        return;
                    }

                    SendOutput(writer, output);
                    writer.Write(LinkMessage.Done());
                    return;
                case LinkMessageKind.Restart:
                    try
                    {
                        _device.Restart();
                    }
                    catch (TrustAnchorException e)
                    {
                        writer.Write(LinkMessage.Error("restart failed: " + e.Message));
                        return;
                    }

                    Log("link: restarted");
                    SendHello(writer);
                    return;
                case LinkMessageKind.Factory:
                    try
                    {
                        _device.LoadFactory(message.Body);
                    }
                    catch (TrustAnchorException e)
                    {
                        writer.Write(LinkMessage.Error("factory file refused: " + e.Message));
                        return;
                    }

                    Log("link: factory file loaded");
                    SendHello(writer);
                    return;
                case LinkMessageKind.Ready:
                    // A host on a serial line, where no connection opens, asks who is there with an empty READY.
                    SendHello(writer);
                    return;
                case LinkMessageKind.Error:
                    Log("link: host reports: " + message.ErrorText());
                    return;
                default:
                    writer.Write(LinkMessage.Error("unexpected message kind " + LinkMessageKind.Name(message.Kind) + " from the host"));
                    return;
            }
        }

        private void SendHello(LinkWriter writer)
        {
            if (_device.IsReady)
            {
                writer.Write(LinkMessage.Ready((int)_device.DeviceType, _device.Eui64));
            }
            else
            {
                writer.Write(LinkMessage.Error("no factory file loaded: send FACTORY first"));
            }
        }

        private void SendIdleAlerts(LinkWriter writer)
        {
            if (!_device.IsReady)
            {
                return;
            }

            DeviceOutput output;
            try
            {
                output = _device.Poll();
            }
            catch (TrustAnchorException e)
            {
                Log("link: poll failed: " + e.Message);
                return;
            }

            SendOutput(writer, output);
        }

        private static void SendOutput(LinkWriter writer, DeviceOutput output)
        {
            if (output.HasResponse)
            {
                writer.Write(LinkMessage.Frame(output.Response));
            }

            for (int i = 0; i < output.Alerts.Length; i++)
            {
                writer.Write(LinkMessage.Frame(output.Alerts[i]));
            }
        }

        private void Log(string line)
        {
            if (_log != null)
            {
                _log.Write(line);
            }
        }
    }
}
