using System.Formats.Asn1;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TrustAnchor.Simulator.Scenarios;

namespace TrustAnchor.Simulator.Decoding;

/// <summary>What a payload turned out to be.</summary>
public sealed record DecodedPayload(string UseCase, string Language, DecodedField Root, string? Note);

/// <summary>
/// Decodes a frame's payload for the use cases TrustAnchor's firmware knows — CS02a, CS02b (all modes, and the
/// 0x00CB future-dated outcome alert), CS02c, CS02d, CS02e, the I&C use cases CCS01, CS03A1/A2/B and ECS70 (by hand, gbcs-framing.md section 4, in
/// <see cref="InstallCommissionPayloads"/>), device alerts (0x1000 / 0x1001 with a DLMS
/// Data-Notification or a GBZ alert payload, and the pre-issue-11 0x0000 layout) — with System.Formats.Asn1 for the
/// DER, by hand for the DLMS and GBZ bytes (NOTES sections 6 and 9). Anything else, or a payload that does not fit
/// its use case's layout, is shown as a generic DER tree when it is DER, else as labelled hex, with a note.
/// </summary>
public static class PayloadDecoder
{
    private static readonly Asn1Tag Sequence = Asn1Tag.Sequence;
    private static readonly Asn1Tag Integer = Asn1Tag.Integer;
    private static readonly Asn1Tag OctetString = Asn1Tag.PrimitiveOctetString;
    private static readonly Asn1Tag BitString = Asn1Tag.PrimitiveBitString;

    public const int DeviceAlertLegacy = 0x0000;
    public const int ProvideSecurityCredentialsDetails = 0x0008;
    public const int IssueSecurityCredentials = 0x000A;
    public const int UpdateDeviceCertificates = 0x000B;
    public const int ProvideDeviceCertificates = 0x000C;
    public const int FutureDatedOutcomeAlert = 0x00CB;
    public const int UpdateSecurityCredentialsBase = 0x0100;
    public const int GenericCriticalAlert = 0x1000;
    public const int GenericNonCriticalAlert = 0x1001;

    public static string MessageCodeName(int code) => code switch
    {
        DeviceAlertLegacy => "device alert in TrustAnchor's pre-issue-11 layout (0x0000 is not a GBCS Message Code)",
        ProvideSecurityCredentialsDetails => "CS02a Provide Security Credentials Details",
        IssueSecurityCredentials => "CS02c Issue Security Credentials",
        UpdateDeviceCertificates => "CS02d Update Device Certificates",
        ProvideDeviceCertificates => "CS02e Provide Device Certificates",
        FutureDatedOutcomeAlert => "CS02b future-dated execution outcome alert",
        GenericCriticalAlert => "Generic Critical Alert",
        GenericNonCriticalAlert => "Generic Non-Critical Alert",
        >= UpdateSecurityCredentialsBase and <= UpdateSecurityCredentialsBase + 9 => $"CS02b Update Security Credentials ({CredentialsModes.Name(code - UpdateSecurityCredentialsBase)})",
        _ when InstallCommissionPayloads.Name(code) is { } ic => ic,
        _ => "not a use case this decoder knows",
    };

    public static DecodedPayload Decode(int messageCode, int cra, ReadOnlyMemory<byte> payload, int offset)
    {
        var what = cra switch { 1 => "command", 2 => "response", 3 => "alert", _ => "frame" };
        var name = MessageCodeName(messageCode);
        Func<ReadOnlyMemory<byte>, int, DecodedField>? decoder = (messageCode, cra) switch
        {
            (ProvideSecurityCredentialsDetails, 1) => Cs02aCommand,
            (ProvideSecurityCredentialsDetails, 2) => Cs02aResponse,
            (IssueSecurityCredentials, 1) or (ProvideDeviceCertificates, 1) => KeyUsageCommand,
            (IssueSecurityCredentials, 2) => Cs02cResponse,
            (UpdateDeviceCertificates, 1) or (ProvideDeviceCertificates, 2) => CertificatePayload,
            (UpdateDeviceCertificates, 2) => Cs02dResponse,
            ( >= UpdateSecurityCredentialsBase and <= UpdateSecurityCredentialsBase + 9, 1) => Cs02bCommand,
            ( >= UpdateSecurityCredentialsBase and <= UpdateSecurityCredentialsBase + 9, 2) => Cs02bResponse,
            (FutureDatedOutcomeAlert, 3) => FutureDatedAlert,
            (DeviceAlertLegacy, 3) => LegacyAlert,
            (GenericCriticalAlert, 3) or (GenericNonCriticalAlert, 3) => null, // language picked from the bytes below
            _ => null,
        };

        if (messageCode is GenericCriticalAlert or GenericNonCriticalAlert && cra == 3)
        {
            var span = payload.Span;
            if (span.Length > 0 && span[0] == DlmsAlert.DataNotificationTag)
            {
                return Try($"{name}, DLMS Data-Notification", "DLMS", payload, offset, DlmsAlert.Decode);
            }

            if (span.Length >= 2 && span[0] == GbzAlert.ProfileIdHigh && span[1] == GbzAlert.ProfileIdLow)
            {
                return Try($"{name}, GBZ alert payload", "GBZ", payload, offset, GbzAlert.Decode);
            }

            return Fallback($"{name} {what}", payload, offset, "the payload is neither a DLMS Data-Notification (0F) nor a GBZ alert (01 09)");
        }

        if (InstallCommissionPayloads.Knows(messageCode))
        {
            var ic = InstallCommissionPayloads.For(messageCode, cra);
            return ic is null
                ? Fallback($"{name} {what}", payload, offset, $"a {what} is not a form this use case takes", tryDer: false)
                : Try($"{name} {what}", InstallCommissionPayloads.Language, payload, offset, ic, tryDer: false);
        }

        if (decoder is null)
        {
            return Fallback($"{name} {what}", payload, offset, messageCode is >= UpdateSecurityCredentialsBase and <= UpdateSecurityCredentialsBase + 9 or ProvideSecurityCredentialsDetails or IssueSecurityCredentials or UpdateDeviceCertificates or ProvideDeviceCertificates or FutureDatedOutcomeAlert or DeviceAlertLegacy
                ? $"a {what} is not a form this use case takes"
                : null);
        }

        return Try($"{name} {what}", "ASN.1 DER", payload, offset, decoder);
    }

    private static DecodedPayload Try(string useCase, string language, ReadOnlyMemory<byte> payload, int offset, Func<ReadOnlyMemory<byte>, int, DecodedField> decoder, bool tryDer = true)
    {
        try
        {
            return new DecodedPayload(useCase, language, decoder(payload, offset), null);
        }
        catch (Exception ex) when (ex is PayloadMismatchException or AsnContentException or CryptographicException)
        {
            return Fallback(useCase, payload, offset, "does not follow the layout: " + ex.Message, tryDer);
        }
    }

    /// <summary>Labelled hex, or a generic DER tree when <paramref name="tryDer"/> and the bytes are DER (the I&amp;C layouts are not DER, so they go straight to hex).</summary>
    private static DecodedPayload Fallback(string useCase, ReadOnlyMemory<byte> payload, int offset, string? note, bool tryDer = true)
    {
        var root = new DecodedField("payload", $"{payload.Length} bytes", offset, payload.Length);
        try
        {
            if (!tryDer)
            {
                throw new PayloadMismatchException("not DER");
            }

            var cursor = new DerCursor(payload, offset);
            var generic = new List<DecodedField>();
            while (cursor.HasData)
            {
                generic.Add(Generic(cursor.Read(), 0));
            }

            root.Fields.AddRange(generic);
            return new DecodedPayload(useCase, "ASN.1 DER (generic)", root, note);
        }
        catch (PayloadMismatchException)
        {
            root.Fields.Clear();
            root.Add("hex", Convert.ToHexString(payload.Span), offset, payload.Length);
            return new DecodedPayload(useCase, "opaque", root, note);
        }
    }

    /// <summary>Any DER element as a tree: constructed elements open up, primitive ones show their content in hex.</summary>
    private static DecodedField Generic(DerElement element, int depth)
    {
        var name = DerCursor.Describe(element.Tag);
        if (!element.Tag.IsConstructed || depth > 16)
        {
            return new DecodedField(name, element.ContentHex, element.Offset, element.Length);
        }

        var field = new DecodedField(name, null, element.Offset, element.Length);
        var children = element.Children();
        while (children.HasData)
        {
            field.Add(Generic(children.Read(), depth + 1));
        }

        return field;
    }

    // ---- CS02a ----

    private static DecodedField Cs02aCommand(ReadOnlyMemory<byte> payload, int offset)
    {
        var outer = new DerCursor(payload, offset);
        var seq = outer.Read(Sequence, "ProvideSecurityCredentialsDetails");
        outer.End("CS02a command");
        var root = new DecodedField("ProvideSecurityCredentialsDetails", null, seq.Offset, seq.Length);
        var body = seq.Children();
        root.Add(CellIdentifier("authorisingRemotePartyTACellIdentifier", body.Read(Sequence, "authorisingRemotePartyTACellIdentifier")));
        var list = body.Read(Sequence, "remotePartyRolesCredentialsRequired");
        var roles = root.Add("remotePartyRolesCredentialsRequired", null, list.Offset, list.Length);
        var items = list.Children();
        while (items.HasData)
        {
            roles.Add(Role("remotePartyRole", items.Read(Integer, "remotePartyRole")));
        }

        body.End("ProvideSecurityCredentialsDetails");
        return root;
    }

    private static DecodedField Cs02aResponse(ReadOnlyMemory<byte> payload, int offset)
    {
        var outer = new DerCursor(payload, offset);
        var seq = outer.Read(Sequence, "ProvideSecurityCredentialsDetailsResponse");
        outer.End("CS02a response");
        var root = new DecodedField("ProvideSecurityCredentialsDetailsResponse", null, seq.Offset, seq.Length);
        var parties = seq.Children();
        while (parties.HasData)
        {
            var party = parties.Read(Sequence, "RemotePartyCredentials");
            var node = root.Add("remoteParty", null, party.Offset, party.Length);
            var body = party.Children();
            node.Add(Role("remotePartyRole", body.Read(Integer, "remotePartyRole")));
            node.Add(Status("statusCode", body.Read(Integer, "statusCode")));
            node.Add(Number("currentSeqNumber", body.Read(Integer, "currentSeqNumber")));
            var cells = body.Read(Sequence, "cells");
            var cellsNode = node.Add("trustAnchorCells", null, cells.Offset, cells.Length);
            var cellItems = cells.Children();
            while (cellItems.HasData)
            {
                var cell = cellItems.Read(Sequence, "cell");
                var cellNode = cellsNode.Add("cell", null, cell.Offset, cell.Length);
                var c = cell.Children();
                cellNode.Add(KeyUsage("keyUsage", c.Read(BitString, "keyUsage")));
                cellNode.Add(c.NextIs(Integer) ? CellUsage("cellUsage", c.Read()) : new DecodedField("cellUsage", "management (default)"));
                cellNode.Add(Eui("subjectUniqueID", c.Read(OctetString, "subjectUniqueID")));
                cellNode.Add(OctetsField("subjectKeyIdentifier", c.Read(OctetString, "subjectKeyIdentifier")));
                c.End("cell");
            }

            body.End("RemotePartyCredentials");
        }

        return root;
    }

    // ---- CS02b ----

    private static DecodedField Cs02bCommand(ReadOnlyMemory<byte> payload, int offset)
    {
        var outer = new DerCursor(payload, offset);
        var seq = outer.Read(Sequence, "UpdateSecurityCredentials");
        outer.End("CS02b command");
        var root = new DecodedField("UpdateSecurityCredentials", null, seq.Offset, seq.Length);
        var body = seq.Children();
        var arpc = body.Read(Sequence, "authorisingRemotePartyControl");
        var control = root.Add("authorisingRemotePartyControl", null, arpc.Offset, arpc.Length);
        var a = arpc.Children();
        var mode = a.Read(Integer, "credentialsReplacementMode");
        var modeValue = mode.Integer();
        control.Add("credentialsReplacementMode", $"{modeValue} ({CredentialsModes.Name((int)BigInteger.Clamp(modeValue, -1, 100))})", mode.Offset, mode.Length);
        if (a.NextIs(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            var key = a.Read();
            control.Add("plaintextSymmetricKey [0]", key.ContentHex, key.Offset, key.Length);
        }

        if (a.NextIs(new Asn1Tag(TagClass.ContextSpecific, 1)))
        {
            var checks = a.Read();
            var v = checks.Integer("applyTimeBasedCPVChecks");
            control.Add("applyTimeBasedCPVChecks [1]", $"{v} ({(v == 0 ? "apply" : v == 1 ? "disapply" : "?")})", checks.Offset, checks.Length);
        }

        if (a.NextIs(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true)))
        {
            control.Add(CellIdentifier("authorisingRemotePartyTACellIdentifier [2]", a.Read()));
        }

        control.Add(Number("authorisingRemotePartySeqNumber [3]", a.Read(new Asn1Tag(TagClass.ContextSpecific, 3), "authorisingRemotePartySeqNumber [3]")));
        if (a.NextIs(new Asn1Tag(TagClass.ContextSpecific, 4)))
        {
            control.Add(Number("newRemotePartyFloorSeqNumber [4]", a.Read()));
        }

        if (a.NextIs(new Asn1Tag(TagClass.ContextSpecific, 5, isConstructed: true)))
        {
            control.Add(SpecialistFloors("newRemotePartySpecialistFloorSeqNumber [5]", a.Read()));
        }

        if (a.NextIs(new Asn1Tag(TagClass.ContextSpecific, 6, isConstructed: true)))
        {
            control.Add(SeqNumberChanges("otherRemotePartySeqNumberChanges [6]", a.Read()));
        }

        a.End("authorisingRemotePartyControl");

        var replacements = body.Read(Sequence, "replacements");
        var replacementsNode = root.Add("replacements", null, replacements.Offset, replacements.Length);
        var r = replacements.Children();
        while (r.HasData)
        {
            var item = r.Read(Sequence, "replacement");
            var node = replacementsNode.Add("replacement", null, item.Offset, item.Length);
            var i = item.Children();
            node.Add(Certificate("replacementCertificate", i.Read(Sequence, "replacementCertificate")));
            node.Add(CellIdentifier("targetTrustAnchorCell", i.Read(Sequence, "targetTrustAnchorCell")));
            i.End("replacement");
        }

        var path = body.Read(Sequence, "certificationPathCertificates");
        var pathNode = root.Add("certificationPathCertificates", null, path.Offset, path.Length);
        var p = path.Children();
        while (p.HasData)
        {
            pathNode.Add(Certificate("certificate", p.Read(Sequence, "certificationPathCertificate")));
        }

        if (body.NextIs(Asn1Tag.GeneralizedTime))
        {
            var time = body.Read();
            root.Add("executionDateTime", time.GeneralizedTime().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + " (future-dated)", time.Offset, time.Length);
        }

        body.End("UpdateSecurityCredentials");
        return root;
    }

    private static DecodedField Cs02bResponse(ReadOnlyMemory<byte> payload, int offset)
    {
        var outer = new DerCursor(payload, offset);
        var seq = outer.Read(Sequence, "UpdateSecurityCredentialsResponse");
        outer.End("CS02b response");
        var root = new DecodedField("UpdateSecurityCredentialsResponse", null, seq.Offset, seq.Length);
        var body = seq.Children();
        var accepted = body.Read(Asn1Tag.Null, "commandAccepted");
        accepted.Null("commandAccepted");
        root.Add("commandAccepted", "NULL", accepted.Offset, accepted.Length);
        if (body.HasData)
        {
            root.Add(ExecutionOutcome(body.Read(Sequence, "executionOutcome")));
        }
        else
        {
            root.Add("executionOutcome", "absent: the command is future-dated (0x00CB alert follows)");
        }

        body.End("UpdateSecurityCredentialsResponse");
        return root;
    }

    private static DecodedField ExecutionOutcome(DerElement outcome)
    {
        var node = new DecodedField("executionOutcome", null, outcome.Offset, outcome.Length);
        var o = outcome.Children();
        node.Add(Number("authorisingRemotePartySeqNumber", o.Read(Integer, "seqNumber")));
        var mode = o.Read(Integer, "credentialsReplacementMode");
        var modeValue = mode.Integer();
        node.Add("credentialsReplacementMode", $"{modeValue} ({CredentialsModes.Name((int)BigInteger.Clamp(modeValue, -1, 100))})", mode.Offset, mode.Length);
        node.Add(SeqNumberChanges("remotePartySeqNumberChanges", o.Read(Sequence, "remotePartySeqNumberChanges")));
        var list = o.Read(Sequence, "replacementOutcomes");
        var listNode = node.Add("replacementOutcomes", null, list.Offset, list.Length);
        var items = list.Children();
        while (items.HasData)
        {
            var item = items.Read(Sequence, "replacementOutcome");
            var r = listNode.Add("replacementOutcome", null, item.Offset, item.Length);
            var i = item.Children();
            r.Add(CellIdentifier("affectedTrustAnchorCell", i.Read(Sequence, "affectedTrustAnchorCell")));
            r.Add(Status("statusCode", i.Read(Integer, "statusCode")));
            r.Add(Eui("existingSubjectUniqueID", i.Read(OctetString, "existingSubjectUniqueID")));
            r.Add(OctetsField("existingSubjectKeyIdentifier", i.Read(OctetString, "existingSubjectKeyIdentifier")));
            r.Add(Eui("replacingSubjectUniqueID", i.Read(OctetString, "replacingSubjectUniqueID")));
            r.Add(OctetsField("replacingSubjectKeyIdentifier", i.Read(OctetString, "replacingSubjectKeyIdentifier")));
            i.End("replacementOutcome");
        }

        o.End("executionOutcome");
        return node;
    }

    private static DecodedField FutureDatedAlert(ReadOnlyMemory<byte> payload, int offset)
    {
        var outer = new DerCursor(payload, offset);
        var seq = outer.Read(Sequence, "future-dated outcome alert");
        outer.End("0x00CB alert");
        var root = new DecodedField("FutureDatedExecutionAlert", null, seq.Offset, seq.Length);
        var body = seq.Children();
        root.Add(AlertCode("alertCode", body.Read(Integer, "alertCode")));
        var time = body.Read(Asn1Tag.GeneralizedTime, "executionDateTime");
        root.Add("executionDateTime", time.GeneralizedTime().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), time.Offset, time.Length);
        if (body.HasData)
        {
            root.Add(ExecutionOutcome(body.Read(Sequence, "executionOutcome")));
        }

        body.End("0x00CB alert");
        return root;
    }

    // ---- CS02c, CS02d, CS02e ----

    private static DecodedField KeyUsageCommand(ReadOnlyMemory<byte> payload, int offset)
    {
        var outer = new DerCursor(payload, offset);
        var seq = outer.Read(Sequence, "key usage request");
        outer.End("command");
        var root = new DecodedField("request", null, seq.Offset, seq.Length);
        var body = seq.Children();
        root.Add(KeyUsage("keyUsage", body.Read(BitString, "keyUsage")));
        body.End("request");
        return root;
    }

    private static DecodedField CertificatePayload(ReadOnlyMemory<byte> payload, int offset)
    {
        var outer = new DerCursor(payload, offset);
        var seq = outer.Read(Sequence, "certificate payload");
        outer.End("payload");
        var root = new DecodedField("DeviceCertificate", null, seq.Offset, seq.Length);
        var body = seq.Children();
        root.Add(Certificate("certificate", body.Read(Sequence, "certificate")));
        body.End("payload");
        return root;
    }

    private static DecodedField Cs02dResponse(ReadOnlyMemory<byte> payload, int offset)
    {
        var outer = new DerCursor(payload, offset);
        var seq = outer.Read(Sequence, "UpdateDeviceCertificateResponse");
        outer.End("CS02d response");
        var root = new DecodedField("UpdateDeviceCertificateResponse", null, seq.Offset, seq.Length);
        var body = seq.Children();
        var result = body.Read(Integer, "result");
        var value = result.Integer();
        root.Add("result", $"{value} ({(value == 0 ? "success" : value == 7 ? "private key change failed" : "failure")})", result.Offset, result.Length);
        body.End("UpdateDeviceCertificateResponse");
        return root;
    }

    private static DecodedField Cs02cResponse(ReadOnlyMemory<byte> payload, int offset)
    {
        var outer = new DerCursor(payload, offset);
        var seq = outer.Read(Sequence, "CertificationRequest");
        outer.End("CS02c response");
        var root = new DecodedField("CertificationRequest (PKCS#10)", null, seq.Offset, seq.Length);
        var body = seq.Children();
        var info = body.Read(Sequence, "certificationRequestInfo");
        var infoNode = root.Add("certificationRequestInfo", null, info.Offset, info.Length);
        var i = info.Children();
        infoNode.Add(Number("version", i.Read(Integer, "version")));
        var subject = i.Read(Sequence, "subject");
        infoNode.Add("subject", Name(subject), subject.Offset, subject.Length);
        var spki = i.Read(Sequence, "subjectPKInfo");
        infoNode.Add("subjectPublicKey", PublicKeyOf(spki), spki.Offset, spki.Length);
        if (i.HasData)
        {
            var attributes = i.Read();
            infoNode.Add(Generic(attributes, 0));
        }

        var algorithm = body.Read(Sequence, "signatureAlgorithm");
        root.Add("signatureAlgorithm", AlgorithmName(algorithm), algorithm.Offset, algorithm.Length);
        var signature = body.Read(BitString, "signature");
        root.Add("signature", Convert.ToHexString(signature.BitString().Bits), signature.Offset, signature.Length);
        body.End("CertificationRequest");
        return root;
    }

    // ---- alerts ----

    private static DecodedField LegacyAlert(ReadOnlyMemory<byte> payload, int offset)
    {
        var outer = new DerCursor(payload, offset);
        var seq = outer.Read(Sequence, "alert");
        outer.End("alert");
        var root = new DecodedField("Alert (pre-issue-11 layout)", null, seq.Offset, seq.Length);
        var body = seq.Children();
        root.Add(AlertCode("alertCode", body.Read(Integer, "alertCode")));
        if (body.HasData)
        {
            var trigger = body.Read(Sequence, "triggeringCommand");
            var node = root.Add("triggeringCommand", null, trigger.Offset, trigger.Length);
            var t = trigger.Children();
            var code = t.Read(Integer, "messageCode");
            node.Add("messageCode", "0x" + ((int)BigInteger.Clamp(code.Integer(), 0, 0xFFFF)).ToString("X4", CultureInfo.InvariantCulture), code.Offset, code.Length);
            node.Add(Eui("originatorId", t.Read(OctetString, "originatorId")));
            node.Add(Number("originatorCounter", t.Read(Integer, "originatorCounter")));
            t.End("triggeringCommand");
        }

        body.End("alert");
        return root;
    }

    // ---- pieces ----

    internal static DecodedField CellIdentifier(string name, DerElement cell)
    {
        var node = new DecodedField(name, null, cell.Offset, cell.Length);
        var c = cell.Children();
        node.Add(Role("remotePartyRole", c.Read(Integer, "remotePartyRole")));
        node.Add(KeyUsage("keyUsage", c.Read(BitString, "keyUsage")));
        node.Add(c.NextIs(Integer) ? CellUsage("cellUsage", c.Read()) : new DecodedField("cellUsage", "management (default)"));
        c.End(name);
        return node;
    }

    private static DecodedField SpecialistFloors(string name, DerElement list)
    {
        var node = new DecodedField(name, null, list.Offset, list.Length);
        var items = list.Children();
        while (items.HasData)
        {
            var item = items.Read(Sequence, "specialist floor");
            var i = item.Children();
            var usage = i.Read(Integer, "seqNumberUsage");
            var seq = i.Read(Integer, "seqNumber");
            node.Add("floor", $"{(usage.Integer() == 0 ? "prepaymentTopUp" : "usage " + usage.Integer())}: {seq.Integer()}", item.Offset, item.Length);
            i.End("specialist floor");
        }

        return node;
    }

    private static DecodedField SeqNumberChanges(string name, DerElement list)
    {
        var node = new DecodedField(name, list.Children().HasData ? null : "none", list.Offset, list.Length);
        var items = list.Children();
        while (items.HasData)
        {
            var item = items.Read(Sequence, "seq number change");
            var change = node.Add("change", null, item.Offset, item.Length);
            var i = item.Children();
            change.Add(Role("remotePartyRole", i.Read(Integer, "remotePartyRole")));
            change.Add(Number("floorSeqNumber", i.Read(Integer, "floorSeqNumber")));
            if (i.HasData)
            {
                change.Add(SpecialistFloors("specialistFloorSeqNumber", i.Read(Sequence, "specialistFloorSeqNumber")));
            }

            i.End("seq number change");
        }

        return node;
    }

    private static DecodedField Number(string name, DerElement element) =>
        new(name, element.Integer(name).ToString(CultureInfo.InvariantCulture), element.Offset, element.Length);

    private static DecodedField Role(string name, DerElement element)
    {
        var value = element.Integer(name);
        return new DecodedField(name, $"{value} ({Smki.RemotePartyRole.Name((int)BigInteger.Clamp(value, -1, 1000))})", element.Offset, element.Length);
    }

    private static DecodedField Status(string name, DerElement element)
    {
        var value = element.Integer(name);
        var text = (int)BigInteger.Clamp(value, -1, 1000) switch
        {
            0 => "success",
            5 => "badCertificate",
            10 => "noTrustAnchor",
            17 => "insufficientMemory",
            25 => "trustAnchorNotFound",
            30 => "resourcesBusy",
            127 => "other",
            _ => "unknown",
        };
        return new DecodedField(name, $"{value} ({text})", element.Offset, element.Length);
    }

    private static DecodedField CellUsage(string name, DerElement element)
    {
        var value = element.Integer(name);
        return new DecodedField(name, $"{value} ({(value == 0 ? "management" : value == 1 ? "prePaymentTopUp" : "unknown")})", element.Offset, element.Length);
    }

    private static DecodedField KeyUsage(string name, DerElement element)
    {
        var (bits, _) = element.BitString(name);
        var first = bits.Length > 0 ? bits[0] : 0;
        var names = new List<string>();
        if ((first & 0x80) != 0)
        {
            names.Add("digitalSignature");
        }

        if ((first & 0x08) != 0)
        {
            names.Add("keyAgreement");
        }

        if ((first & 0x04) != 0)
        {
            names.Add("keyCertSign");
        }

        if ((first & 0x02) != 0)
        {
            names.Add("cRLSign");
        }

        return new DecodedField(name, $"{(names.Count == 0 ? "none" : string.Join(" + ", names))} ({element.Hex})", element.Offset, element.Length);
    }

    private static DecodedField AlertCode(string name, DerElement element)
    {
        var value = (int)BigInteger.Clamp(element.Integer(name), -1, 0xFFFF);
        return new DecodedField(name, AlertName(value), element.Offset, element.Length);
    }

    internal static string AlertName(int code) => $"{AlertCodes.Format(code)} ({AlertCodes.Describe(code)})";

    private static DecodedField Eui(string name, DerElement element)
    {
        var bytes = element.Octets(name);
        return new DecodedField(name, Convert.ToHexStringLower(bytes) + (bytes.Length == 8 ? "" : $" ({bytes.Length} bytes, not an EUI-64)"), element.Offset, element.Length);
    }

    private static DecodedField OctetsField(string name, DerElement element) =>
        new(name, Convert.ToHexString(element.Octets(name)), element.Offset, element.Length);

    internal static DecodedField Certificate(string name, DerElement element)
    {
        var node = new DecodedField(name, $"X.509, {element.Length} bytes", element.Offset, element.Length);
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(element.Encoded.Span);
            node.Add("serialNumber", new BigInteger(certificate.GetSerialNumber(), isUnsigned: true, isBigEndian: false).ToString(CultureInfo.InvariantCulture) + " (decimal)");
            node.Add("subject", certificate.Subject.Length == 0 ? "(empty: a Device Certificate)" : certificate.Subject);
            node.Add("issuer", certificate.Issuer);
            node.Add("validity", certificate.NotBefore.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + " .. " + certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            foreach (var extension in certificate.Extensions)
            {
                switch (extension)
                {
                    case X509KeyUsageExtension usage:
                        node.Add("keyUsage", usage.KeyUsages.ToString() + (usage.Critical ? " (critical)" : ""));
                        break;
                    case X509SubjectKeyIdentifierExtension ski:
                        node.Add("subjectKeyIdentifier", ski.SubjectKeyIdentifier);
                        break;
                }
            }

            node.Add("publicKey", Convert.ToHexString(certificate.PublicKey.EncodedKeyValue.RawData));
        }
        catch (CryptographicException ex)
        {
            node.Add("note", "does not load as X.509: " + ex.Message);
            node.Add("hex", element.Hex);
        }

        return node;
    }

    private static string Name(DerElement name)
    {
        try
        {
            var text = new X500DistinguishedName(name.Encoded.Span).Name;
            return text.Length == 0 ? "(empty)" : text;
        }
        catch (CryptographicException)
        {
            return name.Hex;
        }
    }

    private static string PublicKeyOf(DerElement spki)
    {
        var s = spki.Children();
        var algorithm = s.Read(Sequence, "algorithm");
        var key = s.Read(BitString, "subjectPublicKey");
        return $"{AlgorithmName(algorithm)} {Convert.ToHexString(key.BitString().Bits)}";
    }

    private static string AlgorithmName(DerElement algorithm)
    {
        var a = algorithm.Children();
        var oid = a.Read(Asn1Tag.ObjectIdentifier, "algorithm");
        var parameters = a.HasData ? a.Read() : null;
        try
        {
            var value = AsnDecoder.ReadObjectIdentifier(oid.Encoded.Span, AsnEncodingRules.DER, out _);
            var friendly = new Oid(value).FriendlyName ?? value;
            if (parameters is not null && parameters.Tag == Asn1Tag.ObjectIdentifier)
            {
                var curve = AsnDecoder.ReadObjectIdentifier(parameters.Encoded.Span, AsnEncodingRules.DER, out _);
                friendly += " " + (new Oid(curve).FriendlyName ?? curve);
            }

            return friendly;
        }
        catch (AsnContentException ex)
        {
            throw new PayloadMismatchException($"algorithm identifier at byte offset {algorithm.Offset} is not valid DER ({ex.Message})");
        }
    }
}
