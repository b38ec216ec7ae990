namespace TrustAnchor.Smki;

internal static class SmkiPlaceholder
{
}
