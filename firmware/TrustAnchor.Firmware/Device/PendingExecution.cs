using System;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// A future-dated CS02b accepted (authenticated, counter taken) and waiting for its execution date-time. Held in
    /// RAM by this reference implementation; a board keeps it in flash next to the store.
    /// </summary>
    internal sealed class PendingExecution
    {
        internal PendingExecution(byte[] payload, UpdateSecurityCredentials command, ReplacementModeRule rule,
            TrustAnchorCellIdentifier authorisingCell, byte[] authorisingKey, ulong counter, byte[] requester, DateTime executeAt)
        {
            Payload = payload;
            Command = command;
            Rule = rule;
            AuthorisingCell = authorisingCell;
            AuthorisingKey = authorisingKey;
            Counter = counter;
            Requester = requester;
            ExecuteAt = executeAt;
        }

        /// <summary>A private copy of the payload the command's certificate views point into.</summary>
        internal byte[] Payload { get; private set; }

        internal UpdateSecurityCredentials Command { get; private set; }

        internal ReplacementModeRule Rule { get; private set; }

        internal RemotePartyRole AuthorisingRole
        {
            get { return AuthorisingCell.Role; }
        }

        /// <summary>The cell whose holder authorised the command when it was accepted.</summary>
        internal TrustAnchorCellIdentifier AuthorisingCell { get; private set; }

        /// <summary>
        /// A copy of that cell's public key at acceptance: authority is re-checked at execution, so a party that has
        /// lost its cell meanwhile (change of supplier, recovery) no longer has a command executed in its name.
        /// </summary>
        internal byte[] AuthorisingKey { get; private set; }

        internal ulong Counter { get; private set; }

        internal byte[] Requester { get; private set; }

        internal DateTime ExecuteAt { get; private set; }
    }
}
