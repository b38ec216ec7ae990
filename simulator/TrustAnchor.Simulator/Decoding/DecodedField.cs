namespace TrustAnchor.Simulator.Decoding;

/// <summary>
/// One line of the analyser's view: a named field, its value as text, where it sits in the frame (absolute byte
/// offset and length, when known) and the fields inside it.
/// </summary>
public sealed class DecodedField
{
    public DecodedField(string name, string? value = null, int? offset = null, int? length = null)
    {
        Name = name;
        Value = value;
        Offset = offset;
        Length = length;
    }

    public string Name { get; }

    public string? Value { get; }

    public int? Offset { get; }

    public int? Length { get; }

    public List<DecodedField> Fields { get; } = [];

    public DecodedField Add(DecodedField child)
    {
        Fields.Add(child);
        return child;
    }

    public DecodedField Add(string name, string? value = null, int? offset = null, int? length = null) => Add(new DecodedField(name, value, offset, length));
}
