#!/usr/bin/env bash
# Set-up + start: installs the Debian 12 packages, builds (release preset),
# writes the demo patients (current and prior studies) and imports them into
# the embedded demo archive once, and starts the workstation on it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$PWD/.cache/ccache}"
cmake --preset release
cmake --build --preset release
data="${XDG_DATA_HOME:-$HOME/.local/share}/lightbox"
demo="${LIGHTBOX_DEMO_ARCHIVE:-$data/demo-archive}"
if [ ! -f "$demo/.demo-imported" ]; then
  echo "lightbox-demo: writing the demo patients and importing them into $demo"
  rm -rf "$data/demo-source"
  build/release/app/cli/lightbox-cli synth --out "$data/demo-source"
  build/release/app/cli/lightbox-cli archive --root "$demo" import "$data/demo-source"
  touch "$demo/.demo-imported"
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  shot="${LIGHTBOX_DEMO_SCREENSHOT:-$PWD/build/release/demo-screenshot.png}"
  echo "lightbox-demo: no display; running under Xvfb and saving a screenshot to $shot"
  exec bash scripts/with-xvfb.sh build/release/app/gui/lightbox --archive "$demo" --screenshot "$shot"
fi
exec build/release/app/gui/lightbox --archive "$demo" "$@"
