#!/usr/bin/env bash
# Coverage-guided fuzzing of the loader and the whole check pipeline with AFL++ and SharpFuzz.
# Usage: fuzz/run.sh [SECONDS (default 600)] [WORK_DIR (default /tmp/kubenetlint-fuzz)]
# Needs AFL++ (Debian: apt-get install -y afl++). Crashes land in WORK_DIR/findings/default/crashes/;
# replay one with: dotnet WORK_DIR/bin/KubeNetLint.Fuzz.dll FILE
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
work=${2:-/tmp/kubenetlint-fuzz}
if ! command -v afl-fuzz >/dev/null; then
  echo "afl-fuzz not found: install AFL++ (apt-get install -y afl++)" >&2
  exit 2
fi
mkdir -p "$work"
if [ ! -x "$work/tools/sharpfuzz" ]; then
  dotnet tool install --tool-path "$work/tools" SharpFuzz.CommandLine --version 2.3.0 >/dev/null
fi
rm -rf "${work:?}/bin"
dotnet build fuzz/KubeNetLint.Fuzz -c Release -nologo -v quiet -o "$work/bin"
# Instrument the code under test (the harness itself and the runtime are not).
for dll in KubeNetLint.Core.dll YamlDotNet.dll; do "$work/tools/sharpfuzz" "$work/bin/$dll"; done

# Seeds: the small manifests of testdata/ and, when present, ../shared/corpus/.
rm -rf "${work:?}/seeds" && mkdir -p "$work/seeds"
i=0
while IFS= read -r -d '' f; do
  cp "$f" "$work/seeds/seed-$i$(basename "$f" | sed 's/.*\(\.[a-z]*\)$/\1/')"
  i=$((i + 1))
done < <(find testdata ../shared/corpus -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -size -4k -print0 2>/dev/null | sort -z)
echo "$i seeds"

# Resume an earlier run's queue when there is one (-i -).
input=(-i "$work/seeds")
[ -d "$work/findings/default/queue" ] && input=(-i -)
AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  nice -n 19 afl-fuzz "${input[@]}" -o "$work/findings" -t 10000 -m none -V "$seconds" \
  -- dotnet "$work/bin/KubeNetLint.Fuzz.dll"
