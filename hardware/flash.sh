#!/usr/bin/env bash
# Flash a dev board with the nanoFramework runtime and deploy the TrustAnchor device application.
#   hardware/flash.sh <board-profile> <serial-port> [esme|gsme|chf|ppmid]
# e.g. hardware/flash.sh esp32-devkitc /dev/ttyUSB0 esme
# Needs: the nanoFramework flasher (dotnet tool install -g nanoff), and a Release build of
# hardware/TrustAnchor.DeviceApp made with the nanoFramework toolchain (see hardware/README.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
profile="$here/boards/${1:?board profile, e.g. esp32-devkitc}.json"
port=${2:?serial port, e.g. /dev/ttyUSB0 or COM5}
role=${3:-esme}  # informative: the device type comes from the factory file
[ -f "$profile" ] || { echo "flash: no board profile $profile" >&2; exit 2; }
command -v nanoff >/dev/null || { echo "flash: nanoff not found (dotnet tool install -g nanoff)" >&2; exit 2; }

target=$(sed -n 's/.*"nanoFrameworkTarget": *"\([^"]*\)".*/\1/p' "$profile")
bin="$here/TrustAnchor.DeviceApp/bin/Release"
[ -f "$bin/TrustAnchor.DeviceApp.pe" ] || { echo "flash: build hardware/TrustAnchor.DeviceApp in Release first" >&2; exit 2; }

case "$target" in
  ESP32*) nanoff --target "$target" --serialport "$port" --update ;;
  ST_*)   nanoff --target "$target" --update --jtag ;;
  *)      echo "flash: unknown target $target" >&2; exit 2 ;;
esac

# The device type comes from I:\trustanchor\factory.der (see README); deploy the image next.
nanoff --target "$target" --serialport "$port" --deploy --image "$bin/TrustAnchor.DeviceApp.bin"
echo "flash: $target on $port deployed; first start provisions the $role cell set from the factory file on I: (or one sent as FACTORY over the link)"
