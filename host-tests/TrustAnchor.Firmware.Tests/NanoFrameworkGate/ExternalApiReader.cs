using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace TrustAnchor.Firmware.Tests.NanoFrameworkGate;

/// <summary>
/// Lists every type and member a compiled assembly references outside itself, as documentation-comment
/// IDs (the form ../shared/nanoframework uses). It reads the metadata tables the IL points into
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

    private static string MethodDocId(string parent, string name, MethodSignature<string> signature)
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

    /// <summary>Turns signature blobs into documentation-comment type names.</summary>
    private sealed class DocIdTypeProvider : ISignatureTypeProvider<string, object?>
    {
        private readonly MetadataReader md;

        public DocIdTypeProvider(MetadataReader md) => this.md = md;

        public string TypeRefName(TypeReferenceHandle handle)
        {
            var type = md.GetTypeReference(handle);
            string name = md.GetString(type.Name);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return TypeRefName((TypeReferenceHandle)type.ResolutionScope) + "." + name;
            }

            string ns = md.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public string TypeSpecName(TypeSpecificationHandle handle) =>
            md.GetTypeSpecification(handle).DecodeSignature(this, null);

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
        {
            PrimitiveTypeCode.Boolean => "System.Boolean",
            PrimitiveTypeCode.Byte => "System.Byte",
            PrimitiveTypeCode.SByte => "System.SByte",
            PrimitiveTypeCode.Char => "System.Char",
            PrimitiveTypeCode.Int16 => "System.Int16",
            PrimitiveTypeCode.UInt16 => "System.UInt16",
            PrimitiveTypeCode.Int32 => "System.Int32",
            PrimitiveTypeCode.UInt32 => "System.UInt32",
            PrimitiveTypeCode.Int64 => "System.Int64",
            PrimitiveTypeCode.UInt64 => "System.UInt64",
            PrimitiveTypeCode.Single => "System.Single",
            PrimitiveTypeCode.Double => "System.Double",
            PrimitiveTypeCode.IntPtr => "System.IntPtr",
            PrimitiveTypeCode.UIntPtr => "System.UIntPtr",
            PrimitiveTypeCode.Object => "System.Object",
            PrimitiveTypeCode.String => "System.String",
            PrimitiveTypeCode.TypedReference => "System.TypedReference",
            PrimitiveTypeCode.Void => "System.Void",
            _ => typeCode.ToString(),
        };

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
            TypeRefName(handle);

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            var type = reader.GetTypeDefinition(handle);
            string name = reader.GetString(type.Name);
            if (type.IsNested)
            {
                return GetTypeFromDefinition(reader, type.GetDeclaringType(), rawTypeKind) + "." + name;
            }

            string ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            TypeSpecName(handle);

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetArrayType(string elementType, ArrayShape shape) =>
            elementType + "[" + string.Join(",", Enumerable.Repeat("0:", shape.Rank)) + "]";

        public string GetByReferenceType(string elementType) => elementType + "@";

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetPinnedType(string elementType) => elementType;

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
        {
            int tick = genericType.LastIndexOf('`');
            string bare = tick >= 0 ? genericType[..tick] : genericType;
            return bare + "{" + string.Join(",", typeArguments) + "}";
        }

        public string GetGenericMethodParameter(object? genericContext, int index) => "``" + index;

        public string GetGenericTypeParameter(object? genericContext, int index) => "`" + index;

        public string GetFunctionPointerType(MethodSignature<string> signature) => "function-pointer";

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
    }
}

/// <summary>One API an assembly uses from outside itself.</summary>
public sealed record ExternalApi(string DocId, string Kind);
