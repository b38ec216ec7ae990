using System;
using TrustAnchor.Firmware.Crypto;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// What a command handler decided about one authenticated command, for <see cref="GbcsDevice"/> to carry out:
    /// the state to commit (null: nothing is committed), the response payload to sign and send (null: silence), the
    /// <see cref="DeviceDecision"/> record, and what the device changes once the commit has succeeded (a future-dated
    /// execution, its own key pair or Device Certificate, a Device Log row, a join-table row, its clock).
    /// Handlers only decide; the device alone commits, signs and changes its own parts, in that order.
    /// Refusals before authentication are not decisions: they throw <see cref="CommandRejection"/> (an alert or silence).
    /// A value type: deciding adds nothing to the device's heap per frame.
    /// </summary>
    internal struct CommandDecision
    {
        private CommandDecision(TrustAnchorState next, byte[] responsePayload, DeviceDecision record)
            : this()
        {
            Next = next;
            ResponsePayload = responsePayload;
            Record = record;
        }

        /// <summary>Accepted: commit <paramref name="next"/> (at least the requester's counter), then answer with <paramref name="responsePayload"/>.</summary>
        internal static CommandDecision Accept(TrustAnchorState next, byte[] responsePayload, string reason, int[] cellStatuses)
        {
            return new CommandDecision(next, responsePayload, new DeviceDecision(ProcessingStep.Executed, 0, true, reason, cellStatuses));
        }

        /// <summary>Refused after authentication: nothing committed; answered with <paramref name="responsePayload"/> when not null.</summary>
        internal static CommandDecision Refuse(int step, string reason, byte[] responsePayload, int[] cellStatuses)
        {
            return new CommandDecision(null, responsePayload, new DeviceDecision(step, 0, false, reason, cellStatuses));
        }

        /// <summary>The state to commit, a clone of the snapshot the handler was given; null when nothing is committed.</summary>
        internal TrustAnchorState Next { get; private set; }

        /// <summary>The response's payload (the device adds the header and its signature); null for no response.</summary>
        internal byte[] ResponsePayload { get; private set; }

        internal DeviceDecision Record { get; private set; }

        /// <summary>A future-dated CS02b to execute later.</summary>
        internal PendingExecution Pending { get; private set; }

        /// <summary>The key usage of <see cref="KeyPair"/> / <see cref="DeviceCertificate"/>.</summary>
        internal KeyUsage KeyUsage { get; private set; }

        /// <summary>CS02c: a new key pair awaiting its certificate; CS02d: the key pair <see cref="DeviceCertificate"/> certifies.</summary>
        internal P256KeyPair KeyPair { get; private set; }

        /// <summary>CS02d: the Device Certificate (DER, a private copy) to install.</summary>
        internal byte[] DeviceCertificate { get; private set; }

        /// <summary>CCS01: the device to add to the Device Log, and its install code.</summary>
        internal byte[] LogDeviceId { get; private set; }

        internal byte[] LogInstallCode { get; private set; }

        /// <summary>CS03: the join-table row to write (other device's EUI-64, then its device type).</summary>
        internal byte[] JoinRow { get; private set; }

        /// <summary>ECS70: set the device clock to <see cref="ClockUtc"/>.</summary>
        internal bool SetsClock { get; private set; }

        internal DateTime ClockUtc { get; private set; }

        internal CommandDecision WithPending(PendingExecution pending)
        {
            CommandDecision d = this;
            d.Pending = pending;
            return d;
        }

        internal CommandDecision WithPendingKeyPair(KeyUsage keyUsage, P256KeyPair pair)
        {
            CommandDecision d = this;
            d.KeyUsage = keyUsage;
            d.KeyPair = pair;
            return d;
        }

        internal CommandDecision WithDeviceCertificate(KeyUsage keyUsage, byte[] der, P256KeyPair pair)
        {
            CommandDecision d = this;
            d.KeyUsage = keyUsage;
            d.DeviceCertificate = der;
            d.KeyPair = pair;
            return d;
        }

        internal CommandDecision WithDeviceLogEntry(byte[] deviceId, byte[] installCode)
        {
            CommandDecision d = this;
            d.LogDeviceId = deviceId;
            d.LogInstallCode = installCode;
            return d;
        }

        internal CommandDecision WithJoinRow(byte[] row)
        {
            CommandDecision d = this;
            d.JoinRow = row;
            return d;
        }

        internal CommandDecision WithClock(DateTime utc)
        {
            CommandDecision d = this;
            d.SetsClock = true;
            d.ClockUtc = utc;
            return d;
        }
    }
}
