#!/usr/bin/env bash
# Fetches the front-end files the app serves from static/vendor/ (no CDN at run time) and records
# their versions in static/vendor/VERSIONS.txt. Needs Node's npm; run only when updating versions.
set -euo pipefail

DESIGNSYSTEMET_CSS=${DESIGNSYSTEMET_CSS:-1.22.0}
FONTSOURCE_INTER=${FONTSOURCE_INTER:-5.3.0}
AXE_CORE=${AXE_CORE:-4.14.1}
SORTABLEJS=${SORTABLEJS:-1.15.7}

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fetch() { # package version -> unpacked folder
  (cd "$work" && npm pack --silent "$1@$2" >/dev/null 2>&1)
  local tgz
  tgz=$(ls "$work"/*.tgz)
  mkdir -p "$work/$3" && tar -xzf "$tgz" -C "$work/$3" --strip-components=1 && rm "$tgz"
}

fetch @digdir/designsystemet-css "$DESIGNSYSTEMET_CSS" ds
fetch @fontsource/inter "$FONTSOURCE_INTER" inter
fetch axe-core "$AXE_CORE" axe
fetch sortablejs "$SORTABLEJS" sortable

rm -rf "$out" && mkdir -p "$out/designsystemet" "$out/inter" "$out/axe" "$out/sortable"
cp "$work/ds/dist/src/index.css" "$out/designsystemet/designsystemet.css"
cp "$work/ds/dist/theme/designsystemet.css" "$out/designsystemet/theme.css"
cp "$work/ds/LICENSE"* "$out/designsystemet/" 2>/dev/null || true
for w in 400 500 600 700; do
  cp "$work/inter/files/inter-latin-$w-normal.woff2" "$out/inter/"
done
cp "$work/inter/LICENSE" "$out/inter/LICENSE" 2>/dev/null || true
cp "$work/axe/axe.min.js" "$out/axe/" && cp "$work/axe/LICENSE" "$out/axe/" 2>/dev/null || true
cp "$work/sortable/Sortable.min.js" "$out/sortable/" && cp "$work/sortable/LICENSE" "$out/sortable/" 2>/dev/null || true

cat > "$out/VERSIONS.txt" <<TXT
@digdir/designsystemet-css $DESIGNSYSTEMET_CSS (MIT): designsystemet/designsystemet.css, designsystemet/theme.css
@fontsource/inter $FONTSOURCE_INTER (OFL-1.1): inter/*.woff2 (latin, 400-700)
axe-core $AXE_CORE (MPL-2.0): axe/axe.min.js (used only by the accessibility tests)
sortablejs $SORTABLEJS (MIT): sortable/Sortable.min.js
TXT
echo "Vendored into $out:"; cat "$out/VERSIONS.txt"
