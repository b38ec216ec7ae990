using TrustAnchor.Firmware.Tests.Support;
using TrustAnchor.Firmware.Storage;
using TrustAnchor.Firmware.Tests.TrustAnchors;
using TrustAnchor.Firmware.TrustAnchors;
using Xunit.Abstractions;

namespace TrustAnchor.Firmware.Tests.Storage;

/// <summary>
/// The store's central promise: a power cut at any write or erase (clean, torn or just after it) leaves,
/// after restart, exactly the old state or exactly the new one, never a mix and never empty once provisioned,
/// and a cut during that restart's own repair changes nothing either.
/// </summary>
public class PowerCutTests
{
    private const int Sequences = 240;
    private const int UpdatesPerSequence = 3;
    /// <summary>Floor on crash points: sequences x commits x at least six steps per commit x four modes.</summary>
    private const int MinimumCrashPoints = Sequences * (UpdatesPerSequence + 1) * 6 * 4;

    private static readonly CutMode[] Modes = Enum.GetValues<CutMode>();
    private static readonly int[] BlockSizes = { 64, 128, 256, 512, 4096 };
    private readonly ITestOutputHelper output;

    public PowerCutTests(ITestOutputHelper output) => this.output = new EvidenceOutput(output, "store power cuts");

    [Fact]
    [Trait("Category", "Long")]
    public void Cut_at_every_write_and_erase_of_240_random_update_sequences_leaves_old_or_new_state()
    {
        var tallies = new Tally[Sequences];
        // Sequences are independent (each seeded by its number), so they run in parallel; results are deterministic.
        Parallel.For(0, Sequences, sequence =>
        {
            var tally = tallies[sequence] = new Tally();
            var rng = new Random(sequence);
            DeviceType deviceType = CellTestData.DeviceTypes[rng.Next(CellTestData.DeviceTypes.Length)];
            TrustAnchorState state = CellTestData.State(rng, deviceType);
            int blockSize = BlockSizes[rng.Next(BlockSizes.Length)];
            int slotBlocks = (TrustAnchorStore.Overhead + StateImage.EncodedLength(state) + blockSize - 1) / blockSize;
            var flash = new FaultInjectingFlash(blockSize, 2 * slotBlocks + rng.Next(2), seed: sequence);

            // Factory provisioning: the "old" state is the empty store.
            CutEverywhere(flash, null, state, rng, tally);
            TrustAnchorStore.Open(flash).Commit(state);

            for (int update = 0; update < UpdatesPerSequence; update++)
            {
                TrustAnchorState current = TrustAnchorStore.Open(flash).Current;
                TrustAnchorState next = CellTestData.Update(rng, current);
                CutEverywhere(flash, current, next, rng, tally);
                TrustAnchorStore.Open(flash).Commit(next);
                Assert.True(TrustAnchorStore.Open(flash).Current.ContentEquals(next));
            }
        });

        var tally = Tally.Sum(tallies);

        output.WriteLine($"crash points exercised: {tally.CrashPoints} ({string.Join(", ", tally.PerMode.Select(kv => $"{kv.Key} {kv.Value}"))}); " +
                         $"restarts that kept the old state {tally.Old}, that took the new {tally.New}; " +
                         $"second cuts during recovery {tally.RecoveryCuts}; continued commits after restart {tally.Continued}");
        tally.CrashPoints.Should().BeGreaterThanOrEqualTo(MinimumCrashPoints);
        tally.Old.Should().BeGreaterThan(0);
        tally.New.Should().BeGreaterThan(0);
        tally.RecoveryCuts.Should().BeGreaterThan(0);
    }

    private static void CutEverywhere(FaultInjectingFlash flash, TrustAnchorState? old, TrustAnchorState next, Random rng, Tally tally)
    {
        ulong oldGeneration = old == null ? 0 : TrustAnchorStore.Open(flash.Copy(0)).Generation;

        // Count the steps of this commit on a copy.
        var probe = flash.Copy(0);
        var probeStore = TrustAnchorStore.Open(probe);
        probe.Disarm();
        probeStore.Commit(next);
        int steps = probe.Steps;
        steps.Should().BeGreaterThanOrEqualTo(6, "two slots, each at least erase + body + marker");

        for (int step = 0; step < steps; step++)
        {
            foreach (CutMode mode in Modes)
            {
                var f = flash.Copy(rng.Next());
                var store = TrustAnchorStore.Open(f);
                f.Arm(step, mode);
                Assert.Throws<PowerCutException>(() => store.Commit(next));
                // A store whose commit was cut must be reopened before it writes again.
                Assert.Throws<StoreException>(() => store.Commit(next));
                f.Disarm();

                var beforeRestart = f.Copy(0);
                var restarted = TrustAnchorStore.Open(f);
                bool isNew = AssertOldOrNew(restarted, old, next, oldGeneration);
                if (isNew) tally.New++; else tally.Old++;
                tally.CrashPoints++;
                tally.PerMode[mode] = tally.PerMode.GetValueOrDefault(mode) + 1;

                // Cut the recovery's own repair, restart again: the same state must come back.
                // A repair rewrites one slot: half the steps of a commit (all states of a device type are the same size).
                int repairSteps = (restarted.Recovery & StoreRecovery.CopyRepaired) != 0 ? steps / 2 : 0;
                if (repairSteps > 0)
                {
                    beforeRestart.Arm(rng.Next(repairSteps), Modes[rng.Next(Modes.Length)]);
                    Assert.Throws<PowerCutException>(() => TrustAnchorStore.Open(beforeRestart));
                    beforeRestart.Disarm();
                    var again = TrustAnchorStore.Open(beforeRestart);
                    AssertSame(again, restarted);
                    tally.RecoveryCuts++;
                }

                // The device carries on: the next commit after the restart lands and survives another restart.
                if (restarted.IsProvisioned && step % 4 == 0)
                {
                    var carryOn = CellTestData.Update(rng, restarted.Current);
                    restarted.Commit(carryOn);
                    var reopened = TrustAnchorStore.Open(f);
                    Assert.True(reopened.Current.ContentEquals(carryOn));
                    Assert.Equal(StoreRecovery.None, reopened.Recovery);
                    tally.Continued++;
                }
            }
        }
    }

    private static bool AssertOldOrNew(TrustAnchorStore restarted, TrustAnchorState? old, TrustAnchorState next, ulong oldGeneration)
    {
        if (!restarted.IsProvisioned)
        {
            Assert.True(old == null, "a provisioned store must never come back empty");
            return false;
        }

        if (restarted.Generation == oldGeneration + 1)
        {
            Assert.True(restarted.Current.ContentEquals(next), "the new generation must hold exactly the new state");
            return true;
        }

        Assert.True(old != null, "an interrupted provisioning must leave the store empty, not half-filled");
        Assert.True(restarted.Current.ContentEquals(old!), "after a cut the store holds exactly the old or exactly the new state");
        Assert.Equal(oldGeneration, restarted.Generation);
        return false;
    }

    private static void AssertSame(TrustAnchorStore again, TrustAnchorStore first)
    {
        Assert.Equal(first.IsProvisioned, again.IsProvisioned);
        if (first.IsProvisioned)
        {
            Assert.True(again.Current.ContentEquals(first.Current), "a cut recovery must not change the recovered state");
            Assert.Equal(first.Generation, again.Generation);
        }
    }

    private sealed class Tally
    {
        public int CrashPoints, Old, New, RecoveryCuts, Continued;
        public Dictionary<CutMode, int> PerMode { get; } = new();

        public static Tally Sum(IEnumerable<Tally> parts)
        {
            var sum = new Tally();
            foreach (var t in parts)
            {
                sum.CrashPoints += t.CrashPoints; sum.Old += t.Old; sum.New += t.New;
                sum.RecoveryCuts += t.RecoveryCuts; sum.Continued += t.Continued;
                foreach (var (mode, count) in t.PerMode) sum.PerMode[mode] = sum.PerMode.GetValueOrDefault(mode) + count;
            }

            return sum;
        }
    }
}
