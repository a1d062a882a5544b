#!/usr/bin/env bash
# Runs a command with a virtual X display (Xvfb + Mesa llvmpipe) unless a
# display is already available. Used by the test command for GUI and render tests.
# LIGHTBOX_XVFB_SCREENS=N (default 1) starts a display of its own with N X
# screens (one QScreen each), for tests that move windows between screens.
set -euo pipefail
screens="${LIGHTBOX_XVFB_SCREENS:-1}"
# LIGHTBOX_XVFB_DEPTH=30 (default 24) starts a display of its own whose
# screens are 30 bits deep (10 bits per channel), for the 10-bit output path.
depth="${LIGHTBOX_XVFB_DEPTH:-24}"
if [ "$screens" = 1 ] && [ "$depth" = 24 ] && [ -n "${DISPLAY:-}" ] && xdpyinfo >/dev/null 2>&1; then
  exec "$@"
fi
for n in $(seq 90 140); do
  if [ ! -e "/tmp/.X${n}-lock" ] && [ ! -e "/tmp/.X11-unix/X${n}" ]; then display=":$n"; break; fi
done
screen_args=()
for ((i = 0; i < screens; ++i)); do screen_args+=(-screen "$i" "1920x1200x${depth}"); done
Xvfb "${display}" "${screen_args[@]}" -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  [ -e "/tmp/.X11-unix/X${display#:}" ] && break
  sleep 0.1
done
export DISPLAY="${display}"
export LIBGL_ALWAYS_SOFTWARE=1
"$@"
