using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.TrustAnchors;

namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// The result of checking a CS02b against a state: per-cell outcomes and, when everything is valid, the next
    /// state to commit. <see cref="AlertCode"/> is set when the command must be refused as a whole (a counter
    /// rule the store would not accept).
    /// </summary>
    internal sealed class ReplacementEvaluation
    {
        internal ReplacementEvaluation(ExecutionOutcome outcome, TrustAnchorState next, int alertCode, string reason)
        {
            Outcome = outcome;
            Next = next;
            AlertCode = alertCode;
            Reason = reason;
        }

        internal ExecutionOutcome Outcome { get; private set; }

        /// <summary>The state to commit; null unless every replacement is valid.</summary>
        internal TrustAnchorState Next { get; private set; }

        internal int AlertCode { get; private set; }

        internal string Reason { get; private set; }

        internal bool Succeeded
        {
            get { return Next != null && AlertCode == 0; }
        }

        internal int[] Statuses
        {
            get
            {
                ReplacementOutcome[] r = Outcome.Replacements;
                int[] statuses = new int[r.Length];
                for (int i = 0; i < r.Length; i++)
                {
                    statuses[i] = r[i].StatusCode;
                }

                return statuses;
            }
        }
    }
}
