#if SEEDED_DEFECTS
namespace TrustAnchor.Firmware.Device
{
    /// <summary>
    /// Mistakes real firmware could plausibly make, seeded on purpose so a conformance checker can prove it catches
    /// them (<c>trustanchor-sim device --defect NAME</c>). Compiled only where SEEDED_DEFECTS is defined: the
    /// desktop build of the firmware (TrustAnchor.Firmware.Desktop). The nanoFramework build (.nfproj) does not
    /// define it, so a board image holds neither the flags nor a single hook. See firmware/docs/seeded-defects.md.
    /// </summary>
    public static class SeededDefect
    {
        public const int AcceptEqualCounter = 1 << 0;
        public const int PartialCs02b = 1 << 1;
        public const int SkipCertificationPath = 1 << 2;
        public const int IgnoreValidityWithCpv = 1 << 3;
        public const int AcceptWrongCellSigner = 1 << 4;
        public const int WrongAlertCode = 1 << 5;
        public const int UnsignedResponse = 1 << 6;
        /// <summary>Host-side: the device process keeps store writes in RAM, so RESTART loses them.</summary>
        public const int LoseReplacementOnRestart = 1 << 7;
        public const int AcceptWrongKeyUsage = 1 << 8;
        public const int IgnoreFloorSeqNumber = 1 << 9;
        public const int AcceptWrongRole = 1 << 10;
        public const int ExecuteFutureDatedNow = 1 << 11;

        private static readonly int[] Flags =
        {
            AcceptEqualCounter, PartialCs02b, SkipCertificationPath, IgnoreValidityWithCpv, AcceptWrongCellSigner, WrongAlertCode,
            UnsignedResponse, LoseReplacementOnRestart, AcceptWrongKeyUsage, IgnoreFloorSeqNumber, AcceptWrongRole, ExecuteFutureDatedNow,
        };

        private static readonly string[] Names =
        {
            "accept-equal-counter", "partial-cs02b", "skip-certification-path", "ignore-validity-with-cpv", "accept-wrong-cell-signer",
            "wrong-alert-code", "unsigned-response", "lose-replacement-on-restart", "accept-wrong-key-usage", "ignore-floor-seq-number",
            "accept-wrong-role", "execute-future-dated-now",
        };

        private static readonly string[] Breaks =
        {
            "anti-replay: an Originator Counter equal to the party's sequence number is accepted (must be strictly above)",
            "all-or-nothing: a CS02b with one invalid replacement still applies the valid cells",
            "certificate path: a replacement certificate is not checked to chain to the Root OCA through the Issuing OCA",
            "validity: with time-based (CPV) checks asked for, expired or not-yet-valid certificates are still accepted",
            "authorisation: a CS02b is accepted from any Known Remote Party that signs it, not only the mode's authorising cell",
            "alerts: 0x8F3D and 0x8F53 are swapped and 0x8F30 is raised as 0x8F3D",
            "responses: the device's responses carry no signature",
            "persistence: committed Trust Anchor changes are kept in RAM only and lost on a restart",
            "key usage: a replacement certificate whose keyUsage is not the target cell's (DS for KA, KA for DS) is accepted",
            "floors: newRemotePartyFloorSeqNumber in a CS02b is reported but not applied",
            "role: a replacement certificate whose Remote Party Role is not the target cell's is accepted",
            "future-dated: a CS02b with an execution date-time in the future is executed at once (no 0x00CB alert later)",
        };

        public static int Count
        {
            get { return Flags.Length; }
        }

        public static int FlagAt(int index)
        {
            return Flags[index];
        }

        public static string NameAt(int index)
        {
            return Names[index];
        }

        public static string DescriptionAt(int index)
        {
            return Breaks[index];
        }

        /// <summary>The flag for a defect name, or 0 when there is none of that name.</summary>
        public static int Parse(string name)
        {
            for (int i = 0; i < Names.Length; i++)
            {
                if (Names[i] == name)
                {
                    return Flags[i];
                }
            }

            return 0;
        }
    }
}
#endif
