#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/img/*.png) with headless Chromium: the check report of two
# rule fixtures, and the matrix of a generated cluster of 2,000 workloads in 40 namespaces (the bench's
# seeded generator) with one namespace open and one cell explained.
# Usage: .ci/screenshots.sh   (needs chromium; run from anywhere)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
shot() { "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
           --window-size="$3" --screenshot="$2" "file://$1" 2>/dev/null; }
dotnet build src/KubeNetLint.Cli -c Release -nologo -v quiet >/dev/null
knl() { dotnet "$root/src/KubeNetLint.Cli/bin/Release/net10.0/kubenetlint.dll" "$@"; }

knl check testdata/rules/KNL101 testdata/rules/KNL005 --format html --output "$work/report.html" --fail-on none
shot "$work/report.html#by=file" docs/img/report.png 1400,1100

dotnet run --project bench/KubeNetLint.Bench -c Release -- --workloads 2000 --services 2000 --policies 1000 --namespaces 40 \
  --runs 1 --phases parse --keep "$work/cluster" >/dev/null
# From the scratch directory, so that the page names the files cluster/…, not a temporary path.
(cd "$work" && knl matrix cluster --format html --output "$work/matrix.html")
shot "$work/matrix.html#open=ns-001&explain=ns-001/CronJob/worker-02,ns-001/Deployment/cache-01" docs/img/matrix-2000.png 1600,1100
shot "$work/matrix.html#view=graph&graph=ns-001/Deployment/cache-01" docs/img/matrix-graph.png 1400,900
ls -l docs/img/
