using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace TrustAnchor.Firmware.Tests.NanoFrameworkGate;

/// <summary>
/// Reads an assembly's metadata for state that belongs to no caller: a static field that can be written after
/// the type is initialised (neither <c>const</c> nor <c>readonly</c>), and a static readonly array a caller
/// outside the type could write into (public, protected or protected internal: the reference is fixed, its
/// elements are not). Array-typed static readonly fields of narrower access are not judged here: that they are
/// never written after initialisation is a property of the code, not of the metadata.
/// </summary>
public static class StaticStateGate
{
    /// <summary>Every offending field as "Namespace.Type.Field: reason", sorted.</summary>
    public static IReadOnlyList<string> Offenders(byte[] peImage)
    {
        using var pe = new PEReader(ImmutableArray.Create(peImage));
        var md = pe.GetMetadataReader();
        var offenders = new List<string>();
        foreach (var typeHandle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(typeHandle);
            foreach (var fieldHandle in type.GetFields())
            {
                var field = md.GetFieldDefinition(fieldHandle);
                var attributes = field.Attributes;
                if ((attributes & FieldAttributes.Static) == 0 || (attributes & FieldAttributes.Literal) != 0)
                {
                    continue;
                }

                string name = TypeName(md, type) + "." + md.GetString(field.Name);
                if ((attributes & FieldAttributes.InitOnly) == 0)
                {
                    offenders.Add(name + ": writable static field");
                    continue;
                }

                var access = attributes & FieldAttributes.FieldAccessMask;
                bool reachable = access is FieldAttributes.Public or FieldAttributes.Family or FieldAttributes.FamORAssem;
                if (reachable && IsArray(md, field))
                {
                    offenders.Add(name + ": " + Access(access) + " static readonly array (its elements can be overwritten)");
                }
            }
        }

        offenders.Sort(StringComparer.Ordinal);
        return offenders;
    }

    private static bool IsArray(MetadataReader md, FieldDefinition field)
    {
        var blob = md.GetBlobReader(field.Signature);
        var header = blob.ReadSignatureHeader();
        if (header.Kind != SignatureKind.Field)
        {
            throw new BadImageFormatException("field signature expected");
        }

        while (true)
        {
            var code = blob.ReadSignatureTypeCode();
            if (code is SignatureTypeCode.RequiredModifier or SignatureTypeCode.OptionalModifier)
            {
                blob.ReadTypeHandle();
                continue;
            }

            return code is SignatureTypeCode.SZArray or SignatureTypeCode.Array;
        }
    }

    private static string Access(FieldAttributes access) => access switch
    {
        FieldAttributes.Public => "public",
        FieldAttributes.Family => "protected",
        _ => "protected internal",
    };

    private static string TypeName(MetadataReader md, TypeDefinition type)
    {
        string name = md.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return TypeName(md, md.GetTypeDefinition(declaring)) + "+" + name;
        }

        string ns = md.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
