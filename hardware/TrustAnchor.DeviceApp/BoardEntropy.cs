using System;
using TrustAnchor.Firmware.Crypto;

namespace TrustAnchor.DeviceApp
{
    /// <summary>
    /// Entropy for key generation (CS02c). On ESP32 targets nanoFramework's System.Random draws on the
    /// hardware RNG (esp_random), which is only a true RNG while the radio is on or the bootloader's entropy
    /// source is enabled; on STM32 targets with an RNG peripheral the same holds for the targets that wire it.
    /// A production meter uses its secure element instead: this is a dev-board stand-in and says so.
    /// </summary>
    public sealed class BoardEntropy : IEntropySource
    {
        private readonly Random _random = new Random();

        public void GetBytes(byte[] buffer, int offset, int count)
        {
            var chunk = new byte[count];
            _random.NextBytes(chunk);
            Array.Copy(chunk, 0, buffer, offset, count);
        }
    }
}
