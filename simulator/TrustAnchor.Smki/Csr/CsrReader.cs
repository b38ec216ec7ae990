using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TrustAnchor.Smki;

/// <summary>
/// Reads a PKCS#10 CSR with the BCL (<see cref="CertificateRequest.LoadSigningRequest(byte[], HashAlgorithmName, CertificateRequestLoadOptions, RSASignaturePadding?)"/>),
/// checks the key is P-256 uncompressed and verifies the ecdsa-with-SHA256 signature with .NET's ECDsa, so a bad
/// signature is told apart from a malformed request.
/// </summary>
public static class CsrReader
{
    public static ParsedCsr Read(byte[] pkcs10)
    {
        byte[] info;
        string algorithm;
        byte[] signature;
        CertificateRequest request;
        try
        {
            var outer = new AsnReader(pkcs10, AsnEncodingRules.DER);
            var csr = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            info = csr.ReadEncodedValue().ToArray();
            var algorithmIdentifier = csr.ReadSequence();
            algorithm = algorithmIdentifier.ReadObjectIdentifier();
            signature = csr.ReadBitString(out var unused);
            csr.ThrowIfNotEmpty();
            if (unused != 0)
            {
                throw new AsnContentException("signature BIT STRING has unused bits");
            }

            request = CertificateRequest.LoadSigningRequest(
                pkcs10,
                HashAlgorithmName.SHA256,
                CertificateRequestLoadOptions.SkipSignatureValidation | CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            throw new SmkiException(SmkiErrorCode.MalformedCsr, "not a well-formed PKCS#10 request: " + e.Message, e);
        }

        var key = request.PublicKey;
        if (key.Oid?.Value != SmkiOids.EcPublicKey
            || key.EncodedParameters?.RawData is not [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07])
        {
            throw new SmkiException(SmkiErrorCode.ProfileViolation, "the CSR key must be id-ecPublicKey on prime256v1 (named curve)");
        }

        var point = key.EncodedKeyValue.RawData;
        if (algorithm != SmkiOids.EcdsaWithSha256)
        {
            throw new SmkiException(SmkiErrorCode.ProfileViolation, $"the CSR must be signed with ecdsa-with-SHA256, not {algorithm}");
        }

        using (var ecdsa = CertificateSigner.ImportPublicPoint(point))
        {
            if (!ecdsa.VerifyData(info, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
            {
                throw new SmkiException(SmkiErrorCode.BadCsrSignature, "the CSR signature does not verify with the public key it carries (proof of possession failed)");
            }
        }

        SmkiKeyUsage? keyUsage = null;
        var hasKeyUsage = false;
        byte[]? hardwareSerial = null;
        try
        {
            foreach (var extension in request.CertificateExtensions)
            {
                if (extension is X509KeyUsageExtension ku)
                {
                    hasKeyUsage = true;
                    keyUsage = SmkiKeyUsageExtensions.FromFlags(ku.KeyUsages);
                }
                else if (extension.Oid?.Value == SmkiOids.SubjectAltName)
                {
                    hardwareSerial = SmkiExtensions.ReadHardwareModuleSerial(extension.RawData);
                }
            }
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            throw new SmkiException(SmkiErrorCode.MalformedCsr, "a requested extension is malformed: " + e.Message, e);
        }

        (int? Role, byte[]? EntityId, string? CommonName) subject;
        try
        {
            subject = SmkiNames.ReadOrganisation(request.SubjectName);
        }
        catch (AsnContentException e)
        {
            throw new SmkiException(SmkiErrorCode.ProfileViolation, "the CSR subject does not follow the profile: " + e.Message, e);
        }

        return new ParsedCsr
        {
            Subject = request.SubjectName,
            PublicKey = point,
            Key = key,
            KeyUsage = keyUsage,
            HasKeyUsageRequest = hasKeyUsage,
            HardwareModuleSerial = hardwareSerial,
            Role = subject.Role,
            EntityId = subject.EntityId,
            CommonName = subject.CommonName,
        };
    }
}
