#!/usr/bin/env bash
# Refreshes the committed copy of chart.js that the dashboard serves from wwwroot (never a CDN: the dashboard
# works offline). Run it only to change the version; the copied file is committed (issue 17).
set -euo pipefail
version=4.6.1
target="$(cd "$(dirname "$0")/.." && pwd)/src/Host/Billing.Host/wwwroot/lib/chart.umd.min.js"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "chart.js@${version}" >/dev/null && tar -xzf "chart.js-${version}.tgz")
cp "$work/package/dist/chart.umd.min.js" "$target"
echo "chart.js ${version} -> ${target}"
