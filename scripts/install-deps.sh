#!/usr/bin/env bash
# Installs the Debian 12 packages Lightbox needs to build, run and test.
# Idempotent: packages already present are skipped; safe to run repeatedly.
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake ninja-build ccache pkg-config git
  # DICOM toolkits (GDCM for files and codecs, DCMTK for network and SR)
  libgdcm-dev libgdcm-tools libdcmtk-dev dcmtk
  # codec libraries called directly where GDCM falls short
  libcharls-dev libopenjp2-7-dev libopenjp2-tools
  # image output, JSON, archive
  libpng-dev zlib1g-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libzip-dev libssl-dev
  # Qt 6 (GUI, DICOMweb client, tests, translations)
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n qt6-charts-dev libqt6opengl6-dev
  # VTK 9.1 (render/: slices, MPR, 3D); its CMake package is Qt 5 based, we use none of its Qt parts
  libvtk9-dev
  libgl-dev libglx-dev libegl-dev
  # ITK: only the benchmark peer (ImageSeriesReader + GDCMImageIO) and registration
  libinsighttoolkit5-dev
  # test peers and validators; headless display for GUI tests
  # (orthanc-python: Orthanc's Python plugin checks a bearer token in front of a test PACS)
  dicom3tools orthanc orthanc-dicomweb orthanc-python openssl curl zip poppler-utils xvfb xauth x11-utils mesa-utils libgl1-mesa-dri qt6-qpa-plugins
  # fonts so the GUI renders text under Xvfb
  fonts-dejavu-core
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${#missing[@]} package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
