using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TrustAnchor.Firmware.Gbcs;
using static TrustAnchor.Firmware.Tests.Gbcs.GbcsTestKit;

namespace TrustAnchor.Firmware.Tests.Gbcs;

/// <summary>
/// GBCS frames laid byte by byte from shared/gbcs/NOTES.md section 7, with nothing from the firmware's builder or
/// length code: BER lengths, the signature (.NET ECDsa) and the MAC (.NET AES-GCM) are all computed here.
/// </summary>
internal static class GbcsHandLaidFrames
{
    /// <summary>The Supplementary Remote Party (an Other User) of the longer Other Information forms.</summary>
    public static readonly byte[] Urp = Hex("90B3D51F3000A0B1");

    /// <summary>2026-11-22 00:10:30.50 UTC, a Sunday: DLMS day 7, deviation 0, status 0.</summary>
    public static readonly byte[] DateTime12 = Hex("07EA 0B 16 07 00 0A 1E 32 0000 00");

    public static readonly DateTime DateTimeValue = new(2026, 11, 22, 0, 10, 30, 500);

    public static readonly byte[] MacKey = Hex("00112233445566778899AABBCCDDEEFF");

    private static readonly Lazy<byte[]> KaCertificate = new(MakeKeyAgreementCertificate);

    /// <summary>A real DER X.509 key-agreement certificate (P-256, keyUsage keyAgreement critical), made by .NET.</summary>
    public static byte[] KeyAgreementCertificate => KaCertificate.Value;

    /// <summary>BER definite length, minimal: short form, 81 n, 82 nn nn, 83 nn nn nn.</summary>
    public static byte[] Ber(int n)
    {
        if (n < 0x80)
        {
            return [(byte)n];
        }

        if (n <= 0xFF)
        {
            return [0x81, (byte)n];
        }

        if (n <= 0xFFFF)
        {
            return [0x82, (byte)(n >> 8), (byte)n];
        }

        return [0x83, (byte)(n >> 16), (byte)(n >> 8), (byte)n];
    }

    public static byte[] Be64(ulong v)
    {
        var b = new byte[8];
        for (int i = 7; i >= 0; i--, v >>= 8)
        {
            b[i] = (byte)v;
        }

        return b;
    }

    /// <summary>The Other Information value for a length form (2, 10, 18, 26, or 27 meaning "with the KA certificate").</summary>
    public static byte[] OtherInformation(int form, int messageCode, ulong urpCounter = 0x0000000100000007, ulong supplementaryOriginatorCounter = 0x0000000200000009)
    {
        var code = new[] { (byte)(messageCode >> 8), (byte)messageCode };
        return form switch
        {
            2 => code,
            10 => [.. code, .. Urp],
            18 => [.. code, .. Urp, .. Be64(urpCounter)],
            26 => [.. code, .. Urp, .. Be64(urpCounter), .. Be64(supplementaryOriginatorCounter)],
            27 => [.. code, .. Urp, .. Be64(urpCounter), .. KeyAgreementCertificate],
            _ => throw new ArgumentOutOfRangeException(nameof(form)),
        };
    }

    /// <summary>A DER payload made with System.Formats.Asn1: SEQUENCE { INTEGER tag, OCTET STRING (filler) }.</summary>
    public static byte[] DerPayload(int tag, int fillerLength)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteInteger(tag);
            w.WriteOctetString(Enumerable.Range(0, fillerLength).Select(i => (byte)(i * 7)).ToArray());
        }

        return w.Encode();
    }

    /// <summary>
    /// The Grouping Header APDU, DF through the signature field. With <paramref name="key"/> the signature is
    /// ECDSA P-256/SHA-256 over the bytes after DF up to the end of the content, raw r||s.
    /// </summary>
    public static byte[] Apdu(int cra, ulong counter, byte[] originator, byte[] target, byte[]? dateTime12, byte[] otherInformation, byte[] content, ECDsa? key)
    {
        var signed = new List<byte>();
        signed.Add(0x09);
        signed.Add((byte)cra);
        signed.AddRange(Be64(counter));
        signed.Add(0x08);
        signed.AddRange(originator);
        signed.Add(0x08);
        signed.AddRange(target);
        if (dateTime12 is null)
        {
            signed.Add(0x00);
        }
        else
        {
            signed.Add(0x0C);
            signed.AddRange(dateTime12);
        }

        signed.AddRange(Ber(otherInformation.Length));
        signed.AddRange(otherInformation);
        signed.AddRange(Ber(content.Length));
        signed.AddRange(content);

        var apdu = new List<byte> { 0xDF };
        apdu.AddRange(signed);
        if (key is null)
        {
            apdu.Add(0x00);
        }
        else
        {
            apdu.Add(0x40);
            apdu.AddRange(key.SignData(signed.ToArray(), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        }

        return apdu.ToArray();
    }

    /// <summary>
    /// The MAC Header around <paramref name="apdu"/>: DD 00 00 00 00 00 00, BER length, 11 00 00 00 00, the APDU, and the
    /// AES-128-GCM tag (12 bytes, empty plaintext, IV = originator || 00000000, AAD = 11 00 00 00 00 00 || APDU).
    /// </summary>
    public static byte[] WithMac(byte[] apdu, byte[] originator, byte[] key16)
    {
        using var gcm = new AesGcm(key16, 12);
        var tag = new byte[12];
        byte[] aad = [0x11, 0, 0, 0, 0, 0, .. apdu];
        byte[] iv = [.. originator, 0, 0, 0, 0];
        gcm.Encrypt(iv, Array.Empty<byte>(), Array.Empty<byte>(), tag, aad);
        return [0xDD, 0, 0, 0, 0, 0, 0, .. Ber(5 + apdu.Length + 12), 0x11, 0, 0, 0, 0, .. apdu, .. tag];
    }

    private static byte[] MakeKeyAgreementCertificate()
    {
        using var issuer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ka = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("OU=02, CN=Other User KA"), new PublicKey(ka), HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyAgreement, critical: true));
        using var cert = request.Create(new X500DistinguishedName("OU=07, CN=Issuing OCA"), X509SignatureGenerator.CreateForECDsa(issuer),
            new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero), [0x01, 0x23]);
        return cert.RawData;
    }

    /// <summary>Signs with a signature fixed in advance, so our builder can reproduce a hand-laid signed frame exactly.</summary>
    internal sealed class FixedSigner(byte[] signature64) : IGbcsSigner
    {
        public void Sign(byte[] hash32, byte[] signatureOut64, int offset) => signature64.CopyTo(signatureOut64, offset);
    }
}
