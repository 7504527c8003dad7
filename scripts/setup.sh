#!/usr/bin/env bash
# Installs everything SpineGrade needs on a fresh Debian/Ubuntu machine: the apt packages used by the
# tests and the trainer, then the npm dependencies exactly as locked. Needs the npm registry and apt only.
# Usage: bash scripts/setup.sh [--no-apt]
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  chromium            # end-to-end tests and PDF printing from the CLI (Playwright drives /usr/bin/chromium)
  dcmtk               # dcmdump to validate written files; dcmcjpls/dcmcjpeg/dcmcrle/dcmconv for fixtures
  libgdcm-tools       # gdcmconv: JPEG 2000 fixtures
  poppler-utils       # pdftotext to check printed summaries
  fonts-dejavu-core   # the summary's fonts (Chromium prints text only with an installed font)
  python3-torch       # trainer (CPU)
  python3-onnx        # ONNX export
  python3-numpy
  python3-pydicom     # independent reader to check written DICOM
  dicom3tools openjph-tools  # dciodvfy validates the DICOM SR; ojph_compress/ojph_expand make and check HTJ2K fixtures
  orthanc             # a real PACS (DIMSE + REST) started by tests/integration/pacs on loopback ports
  orthanc-dicomweb    # its DICOMweb plugin (QIDO-RS, WADO-RS, STOW-RS) for the PACS tests
  librsvg2-bin icoutils icnsutils  # rsvg-convert, icotool, png2icns: scripts/build-icons.sh (icons are committed)
  zip                 # real .zip fixtures (symlink entries with zip -y) for tests/integration/import/zip
)

if [[ "${1:-}" != "--no-apt" ]]; then
  if [[ "$(id -u)" == 0 ]]; then SUDO=(); else SUDO=(sudo); fi
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}"
fi

# Electron's binary and onnxruntime-node's CUDA provider are downloaded from outside the npm registry:
# skip both here (see README "GPU workstations" and "Packaging").
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
export ONNXRUNTIME_NODE_INSTALL=skip ONNXRUNTIME_NODE_INSTALL_CUDA=skip
npm ci --no-fund --no-audit
echo "setup: done"
