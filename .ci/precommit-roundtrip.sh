#!/usr/bin/env bash
# The pre-commit hooks, for real. A throw-away git repository holds a Deployment and its Service in
# separate files (testdata/integration/precommit/repo). Then:
#   1. a clean change to the Service alone must pass `pre-commit try-repo THIS_REPO kubenetlint`;
#   2. the change in changes/RULE must fail it, with RULE in the output;
#   3. the README's .pre-commit-config.yaml (this repository in place of the GitHub URL, HEAD as rev)
#      must fail it the same way with `pre-commit run`; and, with KUBENETLINT_TOOL_DIR set (a directory
#      holding an installed kubenetlint), so must the kubenetlint-system hook.
# try-repo builds the tool from this repository exactly as pre-commit's `language: dotnet` does for
# users (dotnet pack + dotnet tool install), from HEAD plus any uncommitted changes.
#
# Usage: .ci/precommit-roundtrip.sh [RULE]   (default KNL101, service-selector-matches-nothing)
set -euo pipefail

rule=${1:-KNL101}
root=$(cd "$(dirname "$0")/.." && pwd)
fixtures=$root/testdata/integration/precommit
if [ ! -d "$fixtures/changes/$rule" ]; then
  echo "no change for $rule in $fixtures/changes" >&2
  exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/kubenetlint-precommit.XXXXXX")
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME=$work/cache PRE_COMMIT_COLOR=never
export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.invalid GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.invalid
problems=0

# A fresh repository with the base manifests committed and the change RULE (or clean) staged.
# Prints the changed files, one a line.
checkout() {
  local repo=$work/$1
  rm -rf "$repo"
  mkdir -p "$repo"
  cp -R "$fixtures/repo/." "$repo/"
  git -C "$repo" init -q
  git -C "$repo" add -A
  git -C "$repo" commit -q -m base
  cp -R "$fixtures/changes/$1/." "$repo/"
  git -C "$repo" add -A
  (cd "$fixtures/changes/$1" && ls -1)
}

# expect PASS|FAIL DIR COMMAND...: runs COMMAND in $work/DIR and checks its exit status and output.
expect() {
  local want=$1 dir=$2 status=0 hook label log
  shift 2
  hook=$(grep -ohE 'id: kubenetlint[a-z-]*' "$work/$dir/.pre-commit-config.yaml" 2>/dev/null || echo "id: kubenetlint")
  label="$dir: '${*:1:2}' with hook ${hook#id: }"
  log=$work/$dir.log
  (cd "$work/$dir" && "$@") > "$log" 2>&1 || status=$?
  if [ "$want" = PASS ] && [ "$status" -eq 0 ] && grep -q 'Passed' "$log"; then
    echo "ok: $label passes"
    grep -E '^(kubenetlint|[0-9]+ findings)' "$log" | sed 's/^/    /'
  elif [ "$want" = FAIL ] && [ "$status" -ne 0 ] && grep -q "$rule" "$log"; then
    echo "ok: $label fails with $rule"
    grep "$rule" "$log" | head -n 3 | sed 's/^/    /'
  else
    echo "FAILED: $label: expected $want (rule $rule), got exit status $status" >&2
    sed 's/^/    /' "$log" >&2
    problems=$((problems + 1))
  fi
}

mapfile -t clean_files < <(checkout clean)
expect PASS clean pre-commit try-repo "$root" kubenetlint --verbose --files "${clean_files[@]}"

mapfile -t broken_files < <(checkout "$rule")
expect FAIL "$rule" pre-commit try-repo "$root" kubenetlint --verbose --files "${broken_files[@]}"

# readme_config HOOK: the README's snippet for HOOK, with this repository at HEAD.
readme_config() {
  python3 - "$root/README.md" "$root" "$(git -C "$root" rev-parse HEAD)" "$1" <<'PY'
import re, sys
readme, repo, rev, hook = sys.argv[1:]
snippet = re.search(r"<!-- recipe: pre-commit -->\n```yaml\n(.*?)```", open(readme).read(), re.S).group(1)
snippet = re.sub(r"(?m)^(\s*- repo: ).*$", lambda m: m.group(1) + repo, snippet)
snippet = re.sub(r"(?m)^(\s*rev: ).*$", lambda m: m.group(1) + rev, snippet)
print(re.sub(r"(?m)^(\s*- id: )kubenetlint$", lambda m: m.group(1) + hook, snippet), end="")
PY
}

readme_config kubenetlint > "$work/$rule/.pre-commit-config.yaml"
git -C "$work/$rule" add .pre-commit-config.yaml
expect FAIL "$rule" pre-commit run --files "${broken_files[@]}"

if [ -n "${KUBENETLINT_TOOL_DIR:-}" ]; then
  readme_config kubenetlint-system > "$work/$rule/.pre-commit-config.yaml"
  git -C "$work/$rule" add .pre-commit-config.yaml
  PATH=$KUBENETLINT_TOOL_DIR:$PATH expect FAIL "$rule" pre-commit run --files "${broken_files[@]}"
fi

[ "$problems" -eq 0 ]
