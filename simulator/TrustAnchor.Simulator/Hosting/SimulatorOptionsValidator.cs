using System.Globalization;
using Microsoft.Extensions.Options;
using TrustAnchor.HostCrypto;

namespace TrustAnchor.Simulator.Hosting;

/// <summary>
/// Checks the bound <see cref="SimulatorOptions"/> once, at start (ValidateOnStart), whichever layer a value came from
/// (embedded defaults, environment, --config file, command line). Each failure names the setting and the option, and
/// the host turns them all into one "error:" line.
/// </summary>
public sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    private static readonly string[] Transports = ["memory", "mem", "in-memory", "tcp", "loopback"];
    private static readonly string[] ProgressStyles = ["auto", "bar", "lines", "quiet"];
    private static readonly string[] Storages = ["file", "memory"];

    public ValidateOptionsResult Validate(string? name, SimulatorOptions o)
    {
        var failures = new List<string>();
        void Check(bool ok, string setting, string rule, object value)
        {
            if (!ok)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{setting} must be {rule}, got {value}"));
            }
        }

        Check(o.Premises >= 1, "--premises (Simulator:Premises)", "at least 1", o.Premises);
        Check(o.Parallel >= 0, "--parallel (Simulator:Parallel)", "at least 1 (0 in a config file: 16 per core)", o.Parallel);
        Check(OneOf(o.Transport, Transports), "--transport (Simulator:Transport)", "memory or tcp", $"'{o.Transport}'");
        Check(OneOf(o.Progress, ProgressStyles), "--progress (Simulator:Progress)", "auto, bar, lines or quiet", $"'{o.Progress}'");
        Check(o.ResponseTimeout > TimeSpan.Zero && o.ResponseTimeout <= TimeSpan.FromDays(1), "--response-timeout (Simulator:ResponseTimeout)", "more than 0 and at most a day", o.ResponseTimeout);
        Check(o.Retries is >= 0 and <= 100, "Simulator:Retries", "0..100", o.Retries);
        Check(o.HanJoinTimeout > TimeSpan.Zero && o.HanJoinTimeout <= TimeSpan.FromDays(1), "Simulator:HanJoinTimeout", "more than 0 and at most a day", o.HanJoinTimeout);
        Check(o.DeviceLogCapacity is >= 1 and <= 1024, "Simulator:DeviceLogCapacity", "1..1024", o.DeviceLogCapacity);
        Check(o.FlashBlockSize is >= 256 and <= 1 << 20, "Simulator:FlashBlockSize", "256..1048576 bytes", o.FlashBlockSize);
        Check(o.FlashBlockCount is >= 2 and <= 1024, "Simulator:FlashBlockCount", "2..1024", o.FlashBlockCount);
        Check(OneOf(o.DeviceStorage, Storages), "Simulator:DeviceStorage", "file or memory", $"'{o.DeviceStorage}'");
        Check(o.CryptoCachedKeys >= 1 && o.CryptoCachedKeys <= HostP256Tables.MaxSlots, "Simulator:CryptoCachedKeys", "1.." + HostP256Tables.MaxSlots, o.CryptoCachedKeys);
        Check(o.CryptoPeerTables >= 0 && o.CryptoPeerTables <= HostP256Tables.MaxSlots, "Simulator:CryptoPeerTables", "0.." + HostP256Tables.MaxSlots, o.CryptoPeerTables);
        CheckLink(o.Wan, "Simulator:Wan", Check);
        CheckLink(o.Han, "Simulator:Han", Check);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckLink(LinkOptions link, string section, Action<bool, string, string, object> check)
    {
        check(link.LatencyMs is >= 0 and <= 60_000, section + ":LatencyMs", "0..60000", link.LatencyMs);
        foreach (var (key, rate) in new[] { ("LossRate", link.LossRate), ("DuplicateRate", link.DuplicateRate), ("ReorderRate", link.ReorderRate), ("CorruptRate", link.CorruptRate) })
        {
            check(rate is >= 0 and <= 1, section + ":" + key, "0..1", rate);
        }
    }

    private static bool OneOf(string? value, string[] allowed) =>
        value is not null && Array.Exists(allowed, a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase));
}
