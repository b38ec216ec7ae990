namespace TrustAnchor.Firmware.Gbcs
{
    /// <summary>The forms of the Grouping Header's Other Information (<see cref="GbcsOtherInformation.Form"/>).</summary>
    public static class GbcsOtherInformationForm
    {
        /// <summary>2 bytes: the Message Code.</summary>
        public const int MessageCodeOnly = 1;
        /// <summary>10 bytes: + Supplementary Remote Party ID.</summary>
        public const int WithRemotePartyId = 2;
        /// <summary>18 bytes: + Supplementary Remote Party Counter.</summary>
        public const int WithRemotePartyCounter = 3;
        /// <summary>26 bytes: + Supplementary Originator Counter.</summary>
        public const int WithOriginatorCounter = 4;
        /// <summary>More than 26 bytes: the 18-byte form + the Supplementary Remote Party's Key Agreement certificate.</summary>
        public const int WithKeyAgreementCertificate = 5;

        public static string Name(int form)
        {
            switch (form)
            {
                case MessageCodeOnly: return "message code";
                case WithRemotePartyId: return "supplementary remote party id";
                case WithRemotePartyCounter: return "supplementary remote party counter";
                case WithOriginatorCounter: return "supplementary originator counter";
                case WithKeyAgreementCertificate: return "supplementary remote party key agreement certificate";
                default: return "form(" + form.ToString() + ")";
            }
        }
    }
}
