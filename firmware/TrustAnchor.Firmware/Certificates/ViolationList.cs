namespace TrustAnchor.Firmware.Certificates
{
    /// <summary>Collects violations; allocates only once something is wrong, so a compliant certificate costs nothing.</summary>
    internal struct ViolationList
    {
        internal static readonly ProfileViolation[] None = new ProfileViolation[0];

        private ProfileViolation[] _items;
        private int _count;

        public void Add(ProfileViolationCode code, string message)
        {
            if (_items == null)
            {
                _items = new ProfileViolation[4];
            }
            else if (_count == _items.Length)
            {
                ProfileViolation[] larger = new ProfileViolation[_count * 2];
                System.Array.Copy(_items, 0, larger, 0, _count);
                _items = larger;
            }

            _items[_count++] = new ProfileViolation(code, message);
        }

        public ProfileViolation[] ToArray()
        {
            if (_count == 0)
            {
                return None;
            }

            ProfileViolation[] result = new ProfileViolation[_count];
            System.Array.Copy(_items, 0, result, 0, _count);
            return result;
        }
    }
}
