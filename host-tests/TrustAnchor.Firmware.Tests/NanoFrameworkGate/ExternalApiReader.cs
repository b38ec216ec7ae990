using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace TrustAnchor.Firmware.Tests.NanoFrameworkGate;

/// <summary>
/// Lists every type and member a compiled assembly references outside itself, as documentation-comment
/// IDs (the form of the lists in firmware/nanoFramework/api). It reads the metadata tables the IL points into
/// (TypeRef, MemberRef), so calls the compiler generated (string handlers, Span helpers, generic
/// instantiations) are seen exactly as the runtime would see them.
/// </summary>
public static class ExternalApiReader
{
    public static IReadOnlyList<ExternalApi> Read(byte[] peImage)
    {
        using var pe = new PEReader(ImmutableArray.Create(peImage));
        var md = pe.GetMetadataReader();
        var result = new List<ExternalApi>();
        var names = new DocIdTypeProvider(md);

        foreach (var handle in md.TypeReferences)
        {
            result.Add(new ExternalApi("T:" + names.TypeRefName(handle), "type reference"));
        }

        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            string? parent = member.Parent.Kind switch
            {
                HandleKind.TypeReference => names.TypeRefName((TypeReferenceHandle)member.Parent),
                HandleKind.TypeSpecification => names.TypeSpecName((TypeSpecificationHandle)member.Parent),
                _ => null, // MethodDefinition / ModuleReference parents are vararg call sites into our own code
            };
            if (parent is null)
            {
                continue;
            }

            string name = md.GetString(member.Name);
            if (member.GetKind() == MemberReferenceKind.Field)
            {
                result.Add(new ExternalApi("F:" + parent + "." + name, "field reference"));
                continue;
            }

            var signature = member.DecodeMethodSignature(names, genericContext: null);
            result.Add(new ExternalApi(MethodDocId(parent, name, signature), "method reference"));
        }

        return result;
    }

    internal static string MethodDocId(string parent, string name, MethodSignature<string> signature)
    {
        var id = new StringBuilder("M:").Append(parent).Append('.').Append(name.Replace('.', '#'));
        if (signature.GenericParameterCount > 0)
        {
            id.Append("``").Append(signature.GenericParameterCount);
        }

        if (signature.ParameterTypes.Length > 0)
        {
            id.Append('(').Append(string.Join(",", signature.ParameterTypes)).Append(')');
        }

        if (name is "op_Implicit" or "op_Explicit")
        {
            id.Append('~').Append(signature.ReturnType);
        }

        return id.ToString();
    }
}

/// <summary>One API an assembly uses from outside itself.</summary>
public sealed record ExternalApi(string DocId, string Kind);
