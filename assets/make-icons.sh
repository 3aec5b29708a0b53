#!/usr/bin/env sh
# Regenerates every icon from assets/icon.svg. Debian: apt-get install librsvg2-bin icoutils icnsutils
set -eu
cd "$(dirname "$0")"
for size in 16 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "icons/${size}x${size}.png"
done
cp icons/1024x1024.png icon.png
# Windows: small sizes as bitmaps, 256 stored as PNG (what Windows expects for the large size).
icotool -c -o icon.ico icons/16x16.png icons/32x32.png icons/48x48.png icons/64x64.png icons/128x128.png \
  -r icons/256x256.png
png2icns icon.icns icons/16x16.png icons/32x32.png icons/48x48.png icons/128x128.png icons/256x256.png \
  icons/512x512.png icons/1024x1024.png >/dev/null
