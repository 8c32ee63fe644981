#!/bin/sh
# Renders the hicolor PNGs from the scalable SVG (committed; re-run after
# editing the SVG). Needs rsvg-convert (Debian librsvg2-bin).
set -eu
cd "$(dirname "$0")"
id=io.github.privatelinkinspector.PrivateLinkInspector
command -v rsvg-convert >/dev/null || { echo "render-icons.sh: install librsvg2-bin" >&2; exit 2; }
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "hicolor/${size}x${size}"
    rsvg-convert -w "$size" -h "$size" "$id.svg" -o "hicolor/${size}x${size}/$id.png"
done
