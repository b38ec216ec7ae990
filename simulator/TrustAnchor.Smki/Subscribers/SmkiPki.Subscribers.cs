namespace TrustAnchor.Smki;

public sealed partial class SmkiPki
{
    public IReadOnlyList<AuthorisedSubscriber> Subscribers
    {
        get
        {
            lock (gate)
            {
                return index.Subscribers.ToList();
            }
        }
    }

    /// <summary>Adds an Authorised Subscriber, or replaces the record with the same organisation name.</summary>
    public void AddSubscriber(AuthorisedSubscriber subscriber)
    {
        if (string.IsNullOrWhiteSpace(subscriber.Organisation))
        {
            throw new SmkiException(SmkiErrorCode.InvalidArgument, "a subscriber needs an organisation name");
        }

        lock (gate)
        {
            index.Subscribers.RemoveAll(s => string.Equals(s.Organisation, subscriber.Organisation, StringComparison.Ordinal));
            index.Subscribers.Add(subscriber);
            folder.SaveIndex(index);
        }
    }

    public AuthorisedSubscriber GetSubscriber(string organisation)
    {
        lock (gate)
        {
            return FindSubscriberLocked(organisation);
        }
    }

    /// <summary>Records that a subscriber completed the User Entry Process Tests.</summary>
    public void RecordEntryTestsCompleted(string organisation)
    {
        lock (gate)
        {
            FindSubscriberLocked(organisation).EntryTestsCompleted = true;
            folder.SaveIndex(index);
        }
    }

    public IReadOnlyList<PmaApproval> Approvals
    {
        get
        {
            lock (gate)
            {
                return index.Approvals.ToList();
            }
        }
    }

    /// <summary>
    /// Records an SMKI PMA approval (L11.4A/B) to issue an Organisation Certificate for <paramref name="role"/>
    /// reusing the key with <paramref name="subjectKeyId"/>. Only the four MP261 roles can be approved.
    /// </summary>
    public PmaApproval RecordPmaApproval(string reference, int role, byte[] subjectKeyId)
    {
        if (subjectKeyId.Length != KeyIdentifier.Length)
        {
            throw new SmkiException(SmkiErrorCode.InvalidArgument, "a Subject Key Identifier is 8 bytes");
        }

        lock (gate)
        {
            var approval = RecordApprovalLocked(reference, role, Convert.ToHexString(subjectKeyId));
            folder.SaveIndex(index);
            return approval;
        }
    }

    private PmaApproval RecordApprovalLocked(string reference, int role, string subjectKeyId)
    {
        if (!RemotePartyRole.IsMp261Role(role))
        {
            throw new SmkiException(SmkiErrorCode.Mp261RoleNotEligible, $"L11.4A/B covers recovery, transitionalCoS, wanProvider and accessControlBroker only, not {RemotePartyRole.Name(role)}");
        }

        var approval = new PmaApproval { Reference = reference, Role = role, SubjectKeyId = subjectKeyId, RecordedAt = Clock.UtcNow };
        index.Approvals.Add(approval);
        return approval;
    }

    private AuthorisedSubscriber FindSubscriberLocked(string organisation) =>
        index.Subscribers.FirstOrDefault(s => string.Equals(s.Organisation, organisation, StringComparison.Ordinal))
        ?? throw new SmkiException(SmkiErrorCode.UnknownSubscriber, $"'{organisation}' is not an Authorised Subscriber");
}
