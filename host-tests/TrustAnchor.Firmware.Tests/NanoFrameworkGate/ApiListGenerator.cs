using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace TrustAnchor.Firmware.Tests.NanoFrameworkGate;

/// <summary>
/// Writes the public API of a compiled library (a nanoFramework reference assembly) as documentation-comment
/// IDs, one per line, sorted: the form of the gate's lists under firmware/nanoFramework/api. Everything a
/// caller outside the library can name is listed: public and protected types, methods and constructors,
/// fields, properties (P:, their accessors are not repeated) and events. Lines starting with '#' are comments
/// (the header says which package and assembly the list was read from).
/// </summary>
public static class ApiListGenerator
{
    public static IReadOnlyList<string> Read(byte[] peImage)
    {
        using var pe = new PEReader(ImmutableArray.Create(peImage));
        var md = pe.GetMetadataReader();
        var names = new DocIdTypeProvider(md);
        var ids = new SortedSet<string>(StringComparer.Ordinal);

        foreach (var handle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(handle);
            if (!IsVisible(md, type))
            {
                continue;
            }

            string typeName = names.GetTypeFromDefinition(md, handle, 0);
            ids.Add("T:" + typeName);

            var accessors = new HashSet<MethodDefinitionHandle>();
            foreach (var propertyHandle in type.GetProperties())
            {
                var property = md.GetPropertyDefinition(propertyHandle);
                var methods = property.GetAccessors();
                accessors.Add(methods.Getter);
                accessors.Add(methods.Setter);
                if (!IsVisible(md, methods.Getter) && !IsVisible(md, methods.Setter))
                {
                    continue;
                }

                var signature = property.DecodeSignature(names, null);
                string id = "P:" + typeName + "." + md.GetString(property.Name);
                if (signature.ParameterTypes.Length > 0)
                {
                    id += "(" + string.Join(",", signature.ParameterTypes) + ")";
                }

                ids.Add(id);
            }

            foreach (var eventHandle in type.GetEvents())
            {
                var ev = md.GetEventDefinition(eventHandle);
                var methods = ev.GetAccessors();
                accessors.Add(methods.Adder);
                accessors.Add(methods.Remover);
                accessors.Add(methods.Raiser);
                if (IsVisible(md, methods.Adder) || IsVisible(md, methods.Remover))
                {
                    ids.Add("E:" + typeName + "." + md.GetString(ev.Name));
                }
            }

            foreach (var methodHandle in type.GetMethods())
            {
                if (accessors.Contains(methodHandle) || !IsVisible(md, methodHandle))
                {
                    continue;
                }

                var method = md.GetMethodDefinition(methodHandle);
                var signature = method.DecodeSignature(names, null);
                ids.Add(ExternalApiReader.MethodDocId(typeName, md.GetString(method.Name), signature));
            }

            foreach (var fieldHandle in type.GetFields())
            {
                var field = md.GetFieldDefinition(fieldHandle);
                var access = field.Attributes & FieldAttributes.FieldAccessMask;
                bool visible = access is FieldAttributes.Public or FieldAttributes.Family or FieldAttributes.FamORAssem;
                if (visible && (field.Attributes & FieldAttributes.RTSpecialName) == 0)
                {
                    ids.Add("F:" + typeName + "." + md.GetString(field.Name));
                }
            }
        }

        return ids.ToList();
    }

    /// <summary>The assembly's name and version as its metadata records them, e.g. "mscorlib 1.17.11.0".</summary>
    public static string AssemblyIdentity(byte[] peImage)
    {
        using var pe = new PEReader(ImmutableArray.Create(peImage));
        var md = pe.GetMetadataReader();
        var assembly = md.GetAssemblyDefinition();
        return md.GetString(assembly.Name) + " " + assembly.Version;
    }

    /// <summary>The list file's text: the header lines (each prefixed "# "), then one ID per line.</summary>
    public static string Format(IEnumerable<string> header, IEnumerable<string> ids) =>
        string.Concat(header.Select(line => "# " + line + "\n")) + string.Concat(ids.Select(id => id + "\n"));

    private static bool IsVisible(MetadataReader md, TypeDefinition type)
    {
        var visibility = type.Attributes & TypeAttributes.VisibilityMask;
        if (!type.IsNested)
        {
            return visibility == TypeAttributes.Public;
        }

        bool nestedVisible = visibility is TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem;
        return nestedVisible && IsVisible(md, md.GetTypeDefinition(type.GetDeclaringType()));
    }

    private static bool IsVisible(MetadataReader md, MethodDefinitionHandle handle)
    {
        if (handle.IsNil)
        {
            return false;
        }

        var access = md.GetMethodDefinition(handle).Attributes & MethodAttributes.MemberAccessMask;
        return access is MethodAttributes.Public or MethodAttributes.Family or MethodAttributes.FamORAssem;
    }
}
