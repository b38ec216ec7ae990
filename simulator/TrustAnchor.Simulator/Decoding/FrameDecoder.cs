using System.Buffers.Binary;
using System.Globalization;
using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Simulator.Keystore;
using TrustAnchor.Simulator.Tracing;

namespace TrustAnchor.Simulator.Decoding;

/// <summary>
/// Decodes one GBCS frame: the framing through the firmware's own <see cref="GbcsMessage"/> parser (the device's
/// parser reads the frame; if it refuses, <see cref="FrameLocator"/> names where), the Other Information and payload
/// by host code, and the protection by <see cref="FrameVerifier"/>.
/// </summary>
public sealed class FrameDecoder(DccKeystore keystore)
{
    private readonly FrameVerifier _verifier = new(keystore);

    public DecodedFrame Decode(byte[] frame, int index, TraceOrigin? trace = null)
    {
        GbcsMessage message;
        try
        {
            message = GbcsMessage.Parse(frame);
        }
        catch (TrustAnchorException ex)
        {
            var located = FrameLocator.Locate(frame);
            throw new DecodeInputException(located ?? $"the device's frame parser refuses it at byte offset {GuessOffset(frame)}: {ex.Message}");
        }

        var fields = new List<DecodedField>();
        if (message.HasMacHeader)
        {
            var mac = new DecodedField("MAC Header", "DD 00 00 00 00 00 00", 0, message.SecurityHeaderOffset);
            mac.Add("length", (frame.Length - message.SecurityHeaderOffset).ToString(CultureInfo.InvariantCulture) + " bytes follow", 7, message.SecurityHeaderOffset - 7);
            mac.Add("security header", Convert.ToHexString(frame, message.SecurityHeaderOffset, 5) + " (security control 0x11: authenticated)", message.SecurityHeaderOffset, 5);
            fields.Add(mac);
        }

        var cra = JsonLinesFrameTrace.CraName(message.CraFlag);
        var header = new DecodedField("Grouping Header", "DF (General-Signing)", message.ApduOffset, message.ContentOffset - message.ApduOffset);
        var transaction = header.Add("transaction id", Convert.ToHexString(frame, message.TransactionIdOffset + 1, 9), message.TransactionIdOffset, 10);
        transaction.Add("CRA flag", $"{message.CraFlag} ({cra})", message.TransactionIdOffset + 1, 1);
        transaction.Add("Originator Counter", message.OriginatorCounter.ToString(CultureInfo.InvariantCulture) + $" (0x{message.OriginatorCounter:X16})", message.TransactionIdOffset + 2, 8);
        header.Add("originator", Convert.ToHexStringLower(message.OriginatorId), message.OriginatorIdOffset, 8);
        header.Add("target", Convert.ToHexStringLower(message.TargetId), message.TargetIdOffset, 8);
        header.Add(message.HasDateTime
            ? new DecodedField("date-time", DlmsAlert.DateTimeText(frame.AsSpan(message.DateTimeOffset, 12)), message.DateTimeOffset - 1, 13)
            : new DecodedField("date-time", "absent (00)", message.TargetIdOffset + 8, 1));
        header.Add(OtherInformation(frame, message.OtherInformationOffset, message.OtherInformationLength));
        fields.Add(header);

        var payloadBytes = frame.AsMemory(message.ContentOffset, message.ContentLength);
        var payload = PayloadDecoder.Decode(message.MessageCode, message.CraFlag, payloadBytes, message.ContentOffset);
        var content = new DecodedField("payload", $"{message.ContentLength} bytes, {payload.Language}: {payload.UseCase}", message.ContentOffset, message.ContentLength);
        if (payload.Note is not null)
        {
            content.Add("note", payload.Note);
        }

        content.Add(payload.Root);
        if (message.CraFlag == GbcsCraFlag.Alert)
        {
            content.Add(DeviceAlertParser(message));
        }

        fields.Add(content);

        var signature = _verifier.Signature(message);
        fields.Add(signature is null
            ? new DecodedField("signature", "absent (00)", message.ContentOffset + message.ContentLength, 1)
            : Protection("signature", signature));
        var macVerdict = _verifier.Mac(message);
        if (macVerdict is not null)
        {
            fields.Add(Protection("MAC", macVerdict));
        }

        return new DecodedFrame
        {
            Index = index,
            Trace = trace,
            Bytes = frame,
            Cra = cra,
            MessageCode = message.MessageCode,
            Originator = Convert.ToHexStringLower(message.OriginatorId),
            Target = Convert.ToHexStringLower(message.TargetId),
            OriginatorCounter = message.OriginatorCounter,
            Payload = payload,
            Fields = fields,
            Signature = signature,
            Mac = macVerdict,
        };
    }

    /// <summary>What the firmware's own alert parser makes of the payload: a second, independent reading.</summary>
    private static DecodedField DeviceAlertParser(GbcsMessage message)
    {
        try
        {
            var alert = GbcsAlert.Parse(message);
            return new DecodedField("device's alert parser", $"{PayloadDecoder.AlertName(alert.AlertCode)}, {GbcsAlertFormat.Name(alert.Format)}");
        }
        catch (TrustAnchorException ex)
        {
            return new DecodedField("device's alert parser", "refuses it: " + ex.Message);
        }
    }

    private static DecodedField Protection(string name, FrameVerdict verdict)
    {
        var field = new DecodedField(name, $"{verdict.Result}: {verdict.Reason}", verdict.Offset, verdict.Length);
        field.Add("value", verdict.Hex, verdict.Offset, verdict.Length);
        if (verdict.Key is not null)
        {
            field.Add("key", verdict.Key);
        }

        return field;
    }

    /// <summary>
    /// Other Information by its length (NOTES section 7): 2 Message Code; 10 + Supplementary Remote Party ID; 18 +
    /// its counter; 26 + Supplementary Originator Counter; more than 26: the 18-byte form and the Supplementary
    /// Remote Party's Key Agreement certificate.
    /// </summary>
    public static DecodedField OtherInformation(byte[] frame, int offset, int length)
    {
        var form = length switch
        {
            2 => "Message Code only",
            10 => "with Supplementary Remote Party ID",
            18 => "with Supplementary Remote Party ID and Counter",
            26 => "with Supplementary Remote Party ID, Counter and Supplementary Originator Counter",
            _ => "with Supplementary Remote Party ID, Counter and Key Agreement certificate",
        };
        var lengthBytes = length < 0x80 ? 1 : length <= 0xFF ? 2 : length <= 0xFFFF ? 3 : 4;
        var node = new DecodedField("Other Information", $"{length} bytes, {form}", offset - lengthBytes, length + lengthBytes);
        var code = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(offset));
        node.Add("Message Code", $"0x{code:X4} {PayloadDecoder.MessageCodeName(code)}", offset, 2);
        if (length >= 10)
        {
            node.Add("Supplementary Remote Party ID", Convert.ToHexStringLower(frame, offset + 2, 8), offset + 2, 8);
        }

        if (length >= 18)
        {
            node.Add("Supplementary Remote Party Counter", BinaryPrimitives.ReadUInt64BigEndian(frame.AsSpan(offset + 10)).ToString(CultureInfo.InvariantCulture), offset + 10, 8);
        }

        if (length == 26)
        {
            node.Add("Supplementary Originator Counter", BinaryPrimitives.ReadUInt64BigEndian(frame.AsSpan(offset + 18)).ToString(CultureInfo.InvariantCulture), offset + 18, 8);
        }
        else if (length > 26)
        {
            var cursor = new DerCursor(frame.AsMemory(offset + 18, length - 18), offset + 18);
            try
            {
                node.Add(PayloadDecoder.Certificate("Supplementary Remote Party KA certificate", cursor.Read(System.Formats.Asn1.Asn1Tag.Sequence, "certificate")));
            }
            catch (PayloadMismatchException ex)
            {
                node.Add("Supplementary Remote Party KA certificate", Convert.ToHexString(frame, offset + 18, length - 18) + " (not DER: " + ex.Message + ")", offset + 18, length - 18);
            }
        }

        return node;
    }

    private static int GuessOffset(byte[] frame) => frame.Length > 0 && frame[0] == GbcsMessage.MacHeaderTag ? 7 : 0;
}
