using System.Formats.Asn1;
using System.Numerics;

namespace TrustAnchor.Simulator.Decoding;

/// <summary>A payload that does not follow the layout its Message Code promises.</summary>
public sealed class PayloadMismatchException(string message) : Exception(message);

/// <summary>
/// Walks DER elements with System.Formats.Asn1 (strict DER) while keeping each element's absolute byte offset in
/// the frame, so every decoded payload field can say where it is.
/// </summary>
public sealed class DerCursor
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly int _base;
    private int _position;

    public DerCursor(ReadOnlyMemory<byte> data, int absoluteOffset)
    {
        _data = data;
        _base = absoluteOffset;
    }

    public bool HasData => _position < _data.Length;

    public int Offset => _base + _position;

    public Asn1Tag PeekTag()
    {
        if (!HasData)
        {
            throw new PayloadMismatchException($"nothing left at byte offset {Offset}");
        }

        try
        {
            return Asn1Tag.Decode(_data.Span[_position..], out _);
        }
        catch (AsnContentException ex)
        {
            throw new PayloadMismatchException($"not a DER tag at byte offset {Offset} ({ex.Message})");
        }
    }

    public bool NextIs(Asn1Tag tag) => HasData && PeekTag() == tag;

    public DerElement Read()
    {
        if (!HasData)
        {
            throw new PayloadMismatchException($"an element is missing at byte offset {Offset}");
        }

        var span = _data.Span[_position..];
        var tag = PeekTag();
        try
        {
            AsnDecoder.ReadEncodedValue(span, AsnEncodingRules.DER, out var contentOffset, out var contentLength, out var consumed);
            var element = new DerElement(tag, _data.Slice(_position, consumed), _base + _position, contentOffset, contentLength);
            _position += consumed;
            return element;
        }
        catch (AsnContentException ex)
        {
            throw new PayloadMismatchException($"not DER at byte offset {Offset} ({ex.Message})");
        }
    }

    public DerElement Read(Asn1Tag expected, string what)
    {
        if (!HasData)
        {
            throw new PayloadMismatchException($"{what} is missing at byte offset {Offset}");
        }

        var tag = PeekTag();
        if (tag != expected)
        {
            throw new PayloadMismatchException($"{what} at byte offset {Offset}: expected {Describe(expected)}, found {Describe(tag)}");
        }

        return Read();
    }

    public void End(string what)
    {
        if (HasData)
        {
            throw new PayloadMismatchException($"{what}: unexpected bytes at byte offset {Offset}");
        }
    }

    public static string Describe(Asn1Tag tag) => tag.TagClass == TagClass.Universal
        ? ((UniversalTagNumber)tag.TagValue).ToString() + (tag.IsConstructed ? "" : "")
        : $"[{tag.TagValue}]{(tag.TagClass == TagClass.ContextSpecific ? "" : " " + tag.TagClass)}{(tag.IsConstructed ? " constructed" : "")}";
}

/// <summary>One DER element: its tag, its whole encoding, where it starts in the frame and where its content is.</summary>
public sealed class DerElement(Asn1Tag tag, ReadOnlyMemory<byte> encoded, int offset, int contentOffset, int contentLength)
{
    public Asn1Tag Tag { get; } = tag;

    public ReadOnlyMemory<byte> Encoded { get; } = encoded;

    public int Offset { get; } = offset;

    public int Length => Encoded.Length;

    public ReadOnlyMemory<byte> Content => Encoded.Slice(contentOffset, contentLength);

    public DerCursor Children() => new(Content, Offset + contentOffset);

    private T Decode<T>(Func<ReadOnlySpan<byte>, T> read, string what)
    {
        try
        {
            return read(Encoded.Span);
        }
        catch (AsnContentException ex)
        {
            throw new PayloadMismatchException($"{what} at byte offset {Offset} is not valid DER ({ex.Message})");
        }
    }

    public BigInteger Integer(string what = "INTEGER") => Decode(s => AsnDecoder.ReadInteger(s, AsnEncodingRules.DER, out _, Tag), what);

    public ulong UInt64(string what = "INTEGER")
    {
        var value = Integer(what);
        if (value < 0 || value > ulong.MaxValue)
        {
            throw new PayloadMismatchException($"{what} at byte offset {Offset} is {value}, outside 0..2^64-1");
        }

        return (ulong)value;
    }

    public byte[] Octets(string what = "OCTET STRING") => Decode(s => AsnDecoder.ReadOctetString(s, AsnEncodingRules.DER, out _, Tag), what);

    public (byte[] Bits, int Unused) BitString(string what = "BIT STRING") =>
        Decode(s => (AsnDecoder.ReadBitString(s, AsnEncodingRules.DER, out var unused, out _, Tag), unused), what);

    public DateTimeOffset GeneralizedTime(string what = "GeneralizedTime") => Decode(s => AsnDecoder.ReadGeneralizedTime(s, AsnEncodingRules.DER, out _, Tag), what);

    public void Null(string what = "NULL") => Decode(s => { AsnDecoder.ReadNull(s, AsnEncodingRules.DER, out _, Tag); return 0; }, what);

    public string Hex => Convert.ToHexString(Encoded.Span);

    public string ContentHex => Convert.ToHexString(Content.Span);
}
