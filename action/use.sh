#!/usr/bin/env bash
# Puts the tool in $KUBENETLINT_HOME/bin (restored from the cache or just built) on $GITHUB_PATH for the
# job's later steps, after checking that it runs.
set -euo pipefail
home=${KUBENETLINT_HOME:?set KUBENETLINT_HOME to the tool directory}
"$home/bin/kubenetlint" --version
if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$home/bin" >> "$GITHUB_PATH"
fi
