#!/usr/bin/env bash
# Installs what the browser checks need: Debian's Chromium, BIZ UDゴシック, a Java runtime for the Nu HTML
# checker (vnu), and the npm packages pinned in package-lock.json. Safe to run again: it installs
# only what is missing. Run as root (CI and the developers' machines are root).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
# BIZ UDゴシック, the font the pages name first and city PCs have (Windows 10+, Office): without
# it Chromium has no Japanese font here and the screenshots show only boxes.
fc-list 2>/dev/null | grep -q "BIZ UDGothic" || missing+=(fonts-morisawa-bizud-gothic)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing ${missing[*]} (apt)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# vnu-jar's postinstall is not needed (the jar ships inside the package) and playwright-core
# downloads nothing: the checks drive /usr/bin/chromium.
cd "$here"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "setup: npm ci"
    npm ci --ignore-scripts --no-audit --no-fund
fi
echo "setup: chromium $(/usr/bin/chromium --version 2>/dev/null | head -1), $(java -version 2>&1 | head -1), node $(node --version)"
