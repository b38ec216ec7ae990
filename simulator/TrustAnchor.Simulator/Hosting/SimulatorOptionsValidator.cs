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
    /// <summary>How each setting a command-line option also sets is named in errors.</summary>
    private static readonly Dictionary<string, string> OptionNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Simulator:Premises"] = "--premises (Simulator:Premises)",
        ["Simulator:Parallel"] = "--parallel (Simulator:Parallel)",
        ["Simulator:Transport"] = "--transport (Simulator:Transport)",
        ["Simulator:Progress"] = "--progress (Simulator:Progress)",
        ["Simulator:ResponseTimeout"] = "--response-timeout (Simulator:ResponseTimeout)",
    };

    /// <summary>"--transport (Simulator:Transport)" for a setting the command line also sets, else the setting.</summary>
    public static string Describe(string setting) => OptionNames.TryGetValue(setting, out var named) ? named : setting;

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
        // The binder only takes the choices' words (OptionChoiceConverter); these catch a value set in code.
        Check(OptionChoices<Wan.TransportKind>.IsDefined(o.Transport), Describe("Simulator:Transport"), OptionChoices<Wan.TransportKind>.Describe(), o.Transport);
        Check(OptionChoices<ProgressStyle>.IsDefined(o.Progress), Describe("Simulator:Progress"), OptionChoices<ProgressStyle>.Describe(), o.Progress);
        Check(o.ResponseTimeout > TimeSpan.Zero && o.ResponseTimeout <= TimeSpan.FromDays(1), "--response-timeout (Simulator:ResponseTimeout)", "more than 0 and at most a day", o.ResponseTimeout);
        Check(o.Retries is >= 0 and <= 100, "Simulator:Retries", "0..100", o.Retries);
        Check(o.HanJoinTimeout > TimeSpan.Zero && o.HanJoinTimeout <= TimeSpan.FromDays(1), "Simulator:HanJoinTimeout", "more than 0 and at most a day", o.HanJoinTimeout);
        Check(o.DeviceLogCapacity is >= 1 and <= 1024, "Simulator:DeviceLogCapacity", "1..1024", o.DeviceLogCapacity);
        Check(o.FlashBlockSize is >= 256 and <= 1 << 20, "Simulator:FlashBlockSize", "256..1048576 bytes", o.FlashBlockSize);
        Check(o.FlashBlockCount is >= 2 and <= 1024, "Simulator:FlashBlockCount", "2..1024", o.FlashBlockCount);
        Check(OptionChoices<DeviceStorageKind>.IsDefined(o.DeviceStorage), "Simulator:DeviceStorage", OptionChoices<DeviceStorageKind>.Describe(), o.DeviceStorage);
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
}
