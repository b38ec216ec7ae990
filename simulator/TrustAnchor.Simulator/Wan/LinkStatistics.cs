namespace TrustAnchor.Simulator.Wan;

/// <summary>Counts what a faulty link did, so a report can say why a frame never arrived.</summary>
public sealed class LinkStatistics
{
    private long _sent, _delivered, _lost, _duplicated, _reordered, _corrupted;

    public long Sent => Interlocked.Read(ref _sent);
    public long Delivered => Interlocked.Read(ref _delivered);
    public long Lost => Interlocked.Read(ref _lost);
    public long Duplicated => Interlocked.Read(ref _duplicated);
    public long Reordered => Interlocked.Read(ref _reordered);
    public long Corrupted => Interlocked.Read(ref _corrupted);

    internal void OnSent() => Interlocked.Increment(ref _sent);
    internal void OnDelivered() => Interlocked.Increment(ref _delivered);
    internal void OnLost() => Interlocked.Increment(ref _lost);
    internal void OnDuplicated() => Interlocked.Increment(ref _duplicated);
    internal void OnReordered() => Interlocked.Increment(ref _reordered);
    internal void OnCorrupted() => Interlocked.Increment(ref _corrupted);

    public void Add(LinkStatistics other)
    {
        Interlocked.Add(ref _sent, other.Sent);
        Interlocked.Add(ref _delivered, other.Delivered);
        Interlocked.Add(ref _lost, other.Lost);
        Interlocked.Add(ref _duplicated, other.Duplicated);
        Interlocked.Add(ref _reordered, other.Reordered);
        Interlocked.Add(ref _corrupted, other.Corrupted);
    }

    public override string ToString() =>
        $"sent={Sent} delivered={Delivered} lost={Lost} duplicated={Duplicated} reordered={Reordered} corrupted={Corrupted}";
}
