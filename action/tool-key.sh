#!/usr/bin/env bash
# The cache key and directory of the prebuilt tool, for actions/cache in action.yml. The key names the
# runner's OS and architecture, the ref the workflow gave in `uses:` (github.action_ref) and a hash of
# every file the tool is built from, so a moving ref such as @main gets a new tool after each change
# while jobs of the same commit share one build.
#   KUBENETLINT_SOURCE  the action's checkout (default: the directory above this script)
#   ACTION_REF          github.action_ref (may be empty, e.g. for `uses: ./`)
#   RUNNER_OS, RUNNER_ARCH, RUNNER_TOOL_CACHE (else RUNNER_TEMP, else /tmp)
# Writes key=… and dir=… to $GITHUB_OUTPUT (and prints them).
set -euo pipefail

source_dir=${KUBENETLINT_SOURCE:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$source_dir"
hash=$(find src rules action Directory.Build.props Directory.Packages.props global.json -type f \
         -not -path '*/bin/*' -not -path '*/obj/*' -print0 2>/dev/null \
       | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-20)
ref=$(printf '%s' "${ACTION_REF:-local}" | tr -c 'A-Za-z0-9._-' '-' | cut -c1-60)
key="kubenetlint-tool-v1-${RUNNER_OS:-$(uname -s)}-${RUNNER_ARCH:-$(uname -m)}-${ref}-${hash}"
dir="${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-/tmp}}/kubenetlint/${hash}"
printf 'key=%s\ndir=%s\n' "$key" "$dir"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  printf 'key=%s\ndir=%s\n' "$key" "$dir" >> "$GITHUB_OUTPUT"
fi
