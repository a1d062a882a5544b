#!/usr/bin/env bash
# Set-up + the whole test suite: installs the Debian 12 packages, builds with
# the ci preset (warnings as errors) and runs every CTest test, GUI tests under Xvfb.
# Usage: scripts/lightbox-test.sh [extra ctest arguments, e.g. -L core]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$PWD/.cache/ccache}"
cmake --preset ci
cmake --build --preset ci
bash scripts/with-xvfb.sh ctest --preset ci "$@"
