#!/usr/bin/env bash
# Flash a dev board with the nanoFramework firmware and deploy the TrustAnchor device application.
#   hardware/flash.sh <board-profile> <serial-port> [jtag|dfu]
# e.g. hardware/flash.sh esp32-devkitc /dev/ttyUSB0
#      hardware/flash.sh stm32-nucleo-f746zg /dev/ttyACM0 jtag
# Needs: nanoff (dotnet tool install -g nanoff) and a Release build of hardware/TrustAnchor.DeviceApp for the same
# board (msbuild /p:Board=<board-profile> /p:Configuration=Release, see hardware/README.md).
#
# 1. Checks the build: its deployment image (TrustAnchor.DeviceApp.bin) exists and the mscorlib.pe beside it is
#    the one nf.props pins (native checksum in the .pe header).
# 2. Updates the firmware the board family's way: ESP32 over the serial port; STM32 over the ST-LINK (JTAG/SWD,
#    needs STM32CubeProgrammer) or in DFU mode. The release is nf.props' NanoFrameworkTargetFirmware (empty: latest).
# 3. Asks the running device for its native assemblies and refuses to deploy unless its mscorlib is the one the
#    app was compiled against (nf.props NanoFrameworkNativeMscorlib / ...Checksum).
# 4. Deploys exactly the image checked in step 1, over the device's wire protocol (it reports its deployment area).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
board=${1:?board profile, e.g. esp32-devkitc (a file in hardware/boards)}
port=${2:?serial port, e.g. /dev/ttyUSB0 or COM5}
method=${3:-}
profile="$here/boards/$board.json"
nfprops="$here/../nf.props"
bin=${TRUSTANCHOR_APP_BIN:-"$here/TrustAnchor.DeviceApp/bin/Release"}
nanoff=${NANOFF:-nanoff}

fail() { echo "flash: $*" >&2; exit 2; }
prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$nfprops" | head -n1; }
json() { sed -n "s/.*\"$1\": *\"\{0,1\}\([^\",]*\)\"\{0,1\}.*/\1/p" "$profile" | head -n1; }

[ -f "$profile" ] || fail "no board profile $profile"
command -v "$nanoff" >/dev/null || fail "nanoff not found (dotnet tool install -g nanoff)"
target=$(json nanoFrameworkTarget)
baud=$(json serialBaud)
native_version=$(prop NanoFrameworkNativeMscorlib)
native_checksum=$(prop NanoFrameworkNativeMscorlibChecksum)
firmware=$(prop NanoFrameworkTargetFirmware)
[ -n "$target" ] && [ -n "$native_version" ] && [ -n "$native_checksum" ] || fail "profile or nf.props incomplete"

# 1. The build to deploy, and the mscorlib it carries.
image="$bin/TrustAnchor.DeviceApp.bin"
[ -f "$image" ] || fail "no $image: build hardware/TrustAnchor.DeviceApp in Release for $board first"
[ -f "$bin/mscorlib.pe" ] || fail "no mscorlib.pe beside the image in $bin"
pe_checksum=$(od -An -tx4 -j20 -N4 "$bin/mscorlib.pe" | tr -d ' \n')
[ "0x$pe_checksum" = "$(echo "$native_checksum" | tr 'A-F' 'a-f')" ] \
  || fail "$bin/mscorlib.pe has native checksum 0x$pe_checksum, nf.props pins $native_checksum: rebuild against nanoFramework.CoreLibrary $(prop NanoFrameworkCoreLibraryVersion)"

# 2. Firmware, the family's way.
fw=()
[ -n "$firmware" ] && fw=(--fwversion "$firmware")
case "$target" in
  ESP32*)
    [ -z "$method" ] || [ "$method" = serial ] || fail "ESP32 boards are flashed over the serial port, not $method"
    "$nanoff" --target "$target" --serialport "$port" --baud "$baud" --update ${fw[@]+"${fw[@]}"} ;;
  ST_*)
    case "${method:-jtag}" in
      jtag) "$nanoff" --target "$target" --update --jtag ${fw[@]+"${fw[@]}"} ;;
      dfu)  "$nanoff" --target "$target" --update --dfu ${fw[@]+"${fw[@]}"} ;;
      *)    fail "STM32 boards are flashed with jtag (ST-LINK) or dfu, not $method" ;;
    esac ;;
  *) fail "unknown nanoFramework target $target in $profile" ;;
esac

# 3. The device's native mscorlib must be the one the app was compiled against.
details=$("$nanoff" --nanodevice --serialport "$port" --devicedetails 2>&1) || fail "could not read device details on $port"
mscorlib_line=$(printf '%s\n' "$details" | grep -i 'mscorlib' | head -n1 || true)
if ! printf '%s' "$mscorlib_line" | grep -q "$native_version" || ! printf '%s' "$mscorlib_line" | grep -qi "$native_checksum"; then
  fail "device reports '${mscorlib_line:-no mscorlib}', the app needs mscorlib v$native_version ($native_checksum): pin NanoFrameworkTargetFirmware in nf.props to a release that has it"
fi

# 4. Deploy the image checked in step 1.
"$nanoff" --nanodevice --serialport "$port" --deploy --image "$image" --reset
echo "flash: $board ($target) on $port: firmware ${firmware:-latest} with mscorlib v$native_version, deployed $image"
echo "flash: first start provisions the cells from I:\\trustanchor\\factory.der (or a factory file sent as FACTORY over the link)"
