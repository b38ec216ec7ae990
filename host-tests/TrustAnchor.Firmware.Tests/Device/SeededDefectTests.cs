using System.Security.Cryptography;
using System.Text.RegularExpressions;
using TrustAnchor.Firmware.Device;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Firmware.Tests.Support;
using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Smki;
using FwRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;

namespace TrustAnchor.Firmware.Tests.Device;

/// <summary>
/// Each seeded defect changes what the device does: the same frame goes to a correct device and to one with the
/// defect, and the two must differ exactly where the defect says (firmware/docs/seeded-defects.md). The host-side
/// defect (lose-replacement-on-restart) is tested with the reference device in the simulator tests.
/// </summary>
public class SeededDefectTests
{
    private static readonly DeviceTestPki Pki = DeviceTestPki.Shared;
    private static readonly ModeCase Mode2 = Cs02bModeTable.Cases[2];
    private static readonly TestParty Supplier = Pki.Pack((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature);

    private static (TestDevice Good, TestDevice Bad) Pair(int defect)
    {
        var good = new TestDevice(DeviceType.Esme);
        var bad = new TestDevice(DeviceType.Esme);
        bad.Device.Defects = defect;
        return (good, bad);
    }

    /// <summary>
    /// The same CS02b to a correct device and to its defective twin: the correct one refuses it and its flash is
    /// unchanged, the defective one accepts it.
    /// </summary>
    private static void OnlyTheDefectiveTwinAccepts(TestDevice good, TestDevice bad, Func<TestDevice, byte[]> frame)
    {
        var before = good.Snapshot();
        good.Process(frame(good));
        good.Device.LastDecision.Accepted.Should().BeFalse();
        good.Snapshot().Should().Equal(before);

        bad.Process(frame(bad));
        bad.Device.LastDecision.Accepted.Should().BeTrue(bad.Device.LastDecision.ToString());
    }

    private static TrustAnchorCell SupplierDs(TestDevice dev) =>
        dev.Store.Current.FindCell(FwRole.Supplier, TrustAnchorCellIdentifier.KeyUsageDigitalSignature, CellUsage.Management)!;

    private static byte[] NewSupplierDsKey => Firmware.Certificates.Certificate.Parse(Pki.New((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature).CertificateDer).PublicKey;

    [Fact]
    public void Catalogue_has_at_least_ten_unique_lowercase_hyphenated_names_that_parse_back_to_distinct_flags()
    {
        SeededDefect.Count.Should().BeGreaterThanOrEqualTo(10);
        var names = Enumerable.Range(0, SeededDefect.Count).Select(SeededDefect.NameAt).ToList();
        names.Should().OnlyHaveUniqueItems();
        names.Should().OnlyContain(n => Regex.IsMatch(n, "^[a-z0-9]+(-[a-z0-9]+)*$"));
        for (var i = 0; i < SeededDefect.Count; i++)
        {
            SeededDefect.Parse(SeededDefect.NameAt(i)).Should().Be(SeededDefect.FlagAt(i));
            SeededDefect.DescriptionAt(i).Should().NotBeNullOrWhiteSpace();
        }

        Enumerable.Range(0, SeededDefect.Count).Select(SeededDefect.FlagAt).Aggregate(0, (a, f) => a | f)
            .Should().Be((1 << SeededDefect.Count) - 1, "one bit per defect");
        SeededDefect.Parse("no-such-defect").Should().Be(0);
    }

    [Fact]
    public void Board_build_carries_no_defect_hook_every_use_is_inside_if_SEEDED_DEFECTS()
    {
        var firmware = Path.Combine(RepositoryRoot.Find(), "firmware", "TrustAnchor.Firmware");
        File.ReadAllText(Path.Combine(firmware, "TrustAnchor.Firmware.nfproj")).Should().NotContain("SEEDED_DEFECTS");
        File.ReadAllText(Path.Combine(firmware, "..", "TrustAnchor.Firmware.Desktop", "TrustAnchor.Firmware.Desktop.csproj")).Should().Contain("SEEDED_DEFECTS");
        var outside = new List<string>();
        foreach (var file in Directory.GetFiles(firmware, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")))
        {
            var depth = 0;
            var seeded = new Stack<bool>();
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.StartsWith("#if"))
                {
                    seeded.Push(line.Contains("SEEDED_DEFECTS"));
                    depth += line.Contains("SEEDED_DEFECTS") ? 1 : 0;
                }
                else if (line.StartsWith("#endif") && seeded.Count > 0)
                {
                    depth -= seeded.Pop() ? 1 : 0;
                }
                else if (depth == 0 && (line.Contains("SeededDefect") || line.Contains("HasDefect") || line.Contains("Defects")) && !line.StartsWith("//") && !line.StartsWith("///"))
                {
                    outside.Add($"{Path.GetFileName(file)}:{i + 1}: {line}");
                }
            }
        }

        outside.Should().BeEmpty("a board image must not carry a defect hook");
    }

    [Fact]
    public void Accept_equal_counter_takes_a_counter_equal_to_the_sequence_number()
    {
        var (good, bad) = Pair(SeededDefect.AcceptEqualCounter);
        var before = good.Snapshot();
        Cs02bModeTableTests.AssertRefused(good, good.Process(Cs02bModeTable.Frame(good, Mode2, Supplier, TestDevice.InitialSequenceNumber, Cs02bModeTable.Replacements(Mode2, Pki))),
            before, GbcsAlertCodes.AuthenticationFailure, ProcessingStep.AntiReplay);

        bad.Process(Cs02bModeTable.Frame(bad, Mode2, Supplier, TestDevice.InitialSequenceNumber, Cs02bModeTable.Replacements(Mode2, Pki)));
        bad.Device.LastDecision.Accepted.Should().BeTrue(bad.Device.LastDecision.ToString());
        SupplierDs(bad).PublicKey.Should().Equal(NewSupplierDsKey);
    }

    [Fact]
    public void Partial_cs02b_applies_the_valid_cells_when_one_fails()
    {
        var (good, bad) = Pair(SeededDefect.PartialCs02b);
        var ka = Cs02bModeTable.Cell(FwRole.Supplier, TrustAnchorCellIdentifier.KeyUsageKeyAgreement);
        var replacements = new[]
        {
            (Pki.New((int)FwRole.Supplier, SmkiKeyUsage.DigitalSignature).CertificateDer, Cs02bModeTable.Cell(FwRole.Supplier, TrustAnchorCellIdentifier.KeyUsageDigitalSignature)),
            (Cs02bModeTableTests.WrongCertificateFor(ka, Pki), ka),
        };

        var goodDs = SupplierDs(good).PublicKey;
        var before = good.Snapshot();
        good.Process(Cs02bModeTable.Frame(good, Mode2, Supplier, 101, replacements));
        good.Snapshot().Should().Equal(before, "all or nothing");
        SupplierDs(good).PublicKey.Should().Equal(goodDs);

        var badKa = bad.Store.Current.FindCell(ka)!.PublicKey;
        bad.Process(Cs02bModeTable.Frame(bad, Mode2, Supplier, 101, replacements));
        SupplierDs(bad).PublicKey.Should().Equal(NewSupplierDsKey, "the defect applies the valid DS cell");
        bad.Store.Current.FindCell(ka)!.PublicKey.Should().Equal(badKa);
    }

    [Fact]
    public void Skip_certification_path_accepts_a_certificate_with_no_path_to_the_root()
    {
        var (good, bad) = Pair(SeededDefect.SkipCertificationPath);
        OnlyTheDefectiveTwinAccepts(good, bad, dev => Cs02bModeTable.Frame(dev, Mode2, Supplier, 101, Cs02bModeTable.Replacements(Mode2, Pki), includePath: false));
        SupplierDs(bad).PublicKey.Should().Equal(NewSupplierDsKey);
    }

    [Fact]
    public void Ignore_validity_with_cpv_accepts_expired_certificates_when_time_checks_apply()
    {
        var (good, bad) = Pair(SeededDefect.IgnoreValidityWithCpv);
        var expired = DeviceTestPki.IssueTime.AddYears(11); // the new Organisation Certificates are valid for 10 years
        good.Clock.UtcNow = expired;
        bad.Clock.UtcNow = expired;
        OnlyTheDefectiveTwinAccepts(good, bad, dev => Cs02bModeTable.Frame(dev, Mode2, Supplier, 101, Cs02bModeTable.Replacements(Mode2, Pki)));
    }

    [Fact]
    public void Accept_wrong_cell_signer_takes_a_cs02b_from_a_party_without_authority()
    {
        var (good, bad) = Pair(SeededDefect.AcceptWrongCellSigner);
        var no = Pki.Pack((int)FwRole.NetworkOperator, SmkiKeyUsage.DigitalSignature);
        byte[] Frame(TestDevice dev)
        {
            var payload = Cs02bModeTable.Payload(Mode2, Cs02bModeTable.Cell(FwRole.Supplier, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80), 101, Cs02bModeTable.Replacements(Mode2, Pki));
            return dev.Command(Mode2.MessageCode, payload, 101, no.EntityId, no.Key, mac: true);
        }

        var before = good.Snapshot();
        Cs02bModeTableTests.AssertRefused(good, good.Process(Frame(good)), before, GbcsAlertCodes.SourceLacksAuthority, ProcessingStep.Authority);

        bad.Process(Frame(bad));
        bad.Device.LastDecision.Accepted.Should().BeTrue(bad.Device.LastDecision.ToString());
        SupplierDs(bad).PublicKey.Should().Equal(NewSupplierDsKey);
    }

    [Fact]
    public void Wrong_alert_code_reports_a_replay_as_0x8F3D_instead_of_0x8F53()
    {
        var (good, bad) = Pair(SeededDefect.WrongAlertCode);
        var before = good.Snapshot();
        Cs02bModeTableTests.AssertRefused(good, good.Process(Cs02bModeTable.Frame(good, Mode2, Supplier, 5, Cs02bModeTable.Replacements(Mode2, Pki))),
            before, GbcsAlertCodes.AuthenticationFailure, ProcessingStep.AntiReplay);

        var alerts = bad.Process(Cs02bModeTable.Frame(bad, Mode2, Supplier, 5, Cs02bModeTable.Replacements(Mode2, Pki))).Alerts;
        alerts.Should().ContainSingle();
        GbcsAlert.Parse(GbcsMessage.Parse(alerts[0])).AlertCode.Should().Be(GbcsAlertCodes.TrustedSourceAuthenticationFailure);
        bad.Device.LastDecision.Accepted.Should().BeFalse("the defect changes the code, not the decision");
    }

    [Fact]
    public void Unsigned_response_sends_the_response_without_a_signature()
    {
        var (good, bad) = Pair(SeededDefect.UnsignedResponse);
        var ok = good.Process(Cs02bModeTable.Frame(good, Mode2, Supplier, 101, Cs02bModeTable.Replacements(Mode2, Pki)));
        Cs02bModeTableTests.ResponseOutcome(good, ok, Mode2, Supplier, 101);

        var output = bad.Process(Cs02bModeTable.Frame(bad, Mode2, Supplier, 101, Cs02bModeTable.Replacements(Mode2, Pki)));
        output.Response.Should().NotBeEmpty();
        var response = GbcsMessage.Parse(output.Response);
        response.CraFlag.Should().Be(GbcsCraFlag.Response);
        response.HasSignature.Should().BeFalse();
    }

    [Fact]
    public void Accept_wrong_key_usage_puts_a_KA_certificate_in_a_DS_cell()
    {
        var (good, bad) = Pair(SeededDefect.AcceptWrongKeyUsage);
        var replacements = new[] { (Pki.New((int)FwRole.Supplier, SmkiKeyUsage.KeyAgreement).CertificateDer, Cs02bModeTable.Cell(FwRole.Supplier, TrustAnchorCellIdentifier.KeyUsageDigitalSignature)) };
        OnlyTheDefectiveTwinAccepts(good, bad, dev => Cs02bModeTable.Frame(dev, Mode2, Supplier, 101, replacements));
    }

    [Fact]
    public void Accept_wrong_role_puts_a_network_operator_certificate_in_a_supplier_cell()
    {
        var (good, bad) = Pair(SeededDefect.AcceptWrongRole);
        var replacements = new[] { (Pki.New((int)FwRole.NetworkOperator, SmkiKeyUsage.DigitalSignature).CertificateDer, Cs02bModeTable.Cell(FwRole.Supplier, TrustAnchorCellIdentifier.KeyUsageDigitalSignature)) };
        OnlyTheDefectiveTwinAccepts(good, bad, dev => Cs02bModeTable.Frame(dev, Mode2, Supplier, 101, replacements));
    }

    [Fact]
    public void Ignore_floor_seq_number_leaves_the_new_supplier_at_the_old_counter()
    {
        var (good, bad) = Pair(SeededDefect.IgnoreFloorSeqNumber);
        var c = Cs02bModeTable.Cases[7];
        var transCoS = Pki.Pack((int)FwRole.TransitionalCoS, SmkiKeyUsage.DigitalSignature);
        byte[] Frame(TestDevice dev)
        {
            var u = new UpdateSecurityCredentials
            {
                Mode = CredentialsReplacementMode.SupplierByTransCoS,
                AuthorisingRemotePartyCell = Cs02bModeTable.Cell(FwRole.TransitionalCoS, (TrustAnchor.Firmware.TrustAnchors.KeyUsage)0x80),
                AuthorisingRemotePartySeqNumber = 500,
            };
            u.SetNewRemotePartyFloorSeqNumber(3);
            foreach (var (der, cell) in Cs02bModeTable.Replacements(c, Pki))
            {
                u.AddReplacement(der, cell);
            }

            u.AddCertificationPathCertificate(Pki.IssuingOcaDer);
            return dev.Command(c.MessageCode, u.Encode(), 500, transCoS.EntityId, transCoS.Key, mac: true);
        }

        good.Process(Frame(good));
        good.Device.LastDecision.Accepted.Should().BeTrue(good.Device.LastDecision.ToString());
        good.Store.Current.GetSequenceNumber(FwRole.Supplier).Should().Be(3);

        bad.Process(Frame(bad));
        bad.Device.LastDecision.Accepted.Should().BeTrue(bad.Device.LastDecision.ToString());
        bad.Store.Current.GetSequenceNumber(FwRole.Supplier).Should().Be(TestDevice.InitialSequenceNumber, "the defect does not apply the floor");
    }

    [Fact]
    public void Execute_future_dated_now_replaces_cells_at_once_instead_of_scheduling()
    {
        var (good, bad) = Pair(SeededDefect.ExecuteFutureDatedNow);
        var when = DeviceTestPki.DeviceTime.AddDays(1);
        var goodDs = SupplierDs(good).PublicKey;
        good.Process(Cs02bModeTable.Frame(good, Mode2, Supplier, 101, Cs02bModeTable.Replacements(Mode2, Pki), executeAt: when));
        good.Device.PendingExecutionCount.Should().Be(1);
        SupplierDs(good).PublicKey.Should().Equal(goodDs);

        bad.Process(Cs02bModeTable.Frame(bad, Mode2, Supplier, 101, Cs02bModeTable.Replacements(Mode2, Pki), executeAt: when));
        bad.Device.PendingExecutionCount.Should().Be(0);
        SupplierDs(bad).PublicKey.Should().Equal(NewSupplierDsKey);
    }

    [Fact]
    public void A_device_without_defects_is_the_default()
    {
        new TestDevice(DeviceType.Esme).Device.Defects.Should().Be(0);
    }
}
