#!/usr/bin/env bash
# Renders assets/icon.svg into every icon electron-builder and the window use: assets/icons/<n>x<n>.png
# (Linux set, 16..1024), assets/icon.png (1024), assets/icon.ico (Windows, 16..256) and assets/icon.icns (macOS).
# Needs rsvg-convert (librsvg2-bin), icotool (icoutils) and png2icns (icnsutils). Usage: bash scripts/build-icons.sh
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in rsvg-convert icotool png2icns; do
  command -v "$tool" >/dev/null || { echo "build-icons: $tool is missing: apt-get install librsvg2-bin icoutils icnsutils" >&2; exit 1; }
done

SRC=assets/icon.svg
OUT=assets/icons
SIZES=(16 24 32 48 64 128 256 512 1024)
mkdir -p "$OUT"
for n in "${SIZES[@]}"; do
  rsvg-convert --width "$n" --height "$n" --keep-aspect-ratio --format png "$SRC" --output "$OUT/${n}x${n}.png"
done
cp "$OUT/1024x1024.png" assets/icon.png

# Windows: BMP entries up to 64 px, PNG-compressed (-r) 128 and 256 (Vista+ reads those; keeps the file small).
icotool --create --output assets/icon.ico \
  "$OUT/16x16.png" "$OUT/24x24.png" "$OUT/32x32.png" "$OUT/48x48.png" "$OUT/64x64.png" \
  --raw="$OUT/128x128.png" --raw="$OUT/256x256.png"

# macOS: png2icns picks the icon type from each image's size (is32/il32 .. ic09 512, ic10 1024).
png2icns assets/icon.icns "$OUT/16x16.png" "$OUT/32x32.png" "$OUT/48x48.png" "$OUT/128x128.png" \
  "$OUT/256x256.png" "$OUT/512x512.png" "$OUT/1024x1024.png" >/dev/null

echo "build-icons: wrote $OUT/{$(IFS=,; echo "${SIZES[*]}")}.png, assets/icon.png, assets/icon.ico, assets/icon.icns"
