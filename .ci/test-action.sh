#!/usr/bin/env bash
# The GitHub Action without GitHub: validates action.yml (@action-validator/cli), checks that inputs
# reach shell steps only through env:, then runs the action's own scripts as the runner would, with
# GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_PATH and RUNNER_TEMP pointing at scratch files, and checks
# what they wrote. The SARIF files are left in WORK for .ci/run to validate.
# Usage: .ci/test-action.sh WORK NPM_PREFIX   (@action-validator/cli is installed under NPM_PREFIX)
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:?usage: test-action.sh WORK NPM_PREFIX}
npm_prefix=${2:?usage: test-action.sh WORK NPM_PREFIX}
problems=0
fail() { echo "FAILED: $*" >&2; problems=$((problems + 1)); }
ok() { echo "ok: $*"; }
cd "$root" || exit 2

if npm install --silent --no-audit --no-fund --prefix "$npm_prefix" @action-validator/cli >/dev/null 2>&1; then
  if "$npm_prefix/node_modules/.bin/action-validator" action.yml; then ok "action.yml passes @action-validator/cli"; else fail "action.yml does not pass @action-validator/cli"; fi
else
  fail "installing @action-validator/cli from npm"
fi

# The README's workflows, as users copy them: valid, and the first one wired as the issue asks.
mkdir -p "$work/readme-workflows"
if python3 - README.md "$work/readme-workflows" <<'PY'
import re, sys
blocks = re.findall(r"<!-- recipe: workflow -->\n```yaml\n(.*?)```", open(sys.argv[1]).read(), re.S)
for i, body in enumerate(blocks):
    open(f"{sys.argv[2]}/workflow-{i}.yml", "w").write(body)
lint = blocks[0] if blocks else ""
needed = ["continue-on-error: true", "github/codeql-action/upload-sarif", "if: always()", "security-events: write",
          "if: steps.kubenetlint.outcome == 'failure'"]
missing = [n for n in needed if n not in lint]
if len(blocks) < 2 or missing or "kubenetlint diff --base" not in blocks[1]:
    sys.exit(f"README workflows: {len(blocks)} found; the first lacks {missing}")
PY
then
  for workflow in "$work"/readme-workflows/*.yml; do
    if "$npm_prefix/node_modules/.bin/action-validator" "$workflow"; then ok "README $(basename "$workflow") passes @action-validator/cli"; else fail "README $(basename "$workflow") does not pass @action-validator/cli"; fi
  done
else
  fail "README workflow recipes"
fi

# Script injection: no expression may be expanded into a run: script. PyYAML comes with pre-commit's python.
python=
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c 'import yaml' 2>/dev/null; then python=$candidate; break; fi
done
if [ -z "$python" ]; then
  fail "no python with PyYAML to read action.yml"
elif "$python" - action.yml <<'PY'
import re, sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
bad = [s.get("name", s.get("id", "?")) for s in action["runs"]["steps"] if "${{" in s.get("run", "")]
inputs = set(action["inputs"])
expected = {"path", "config", "format", "sarif-file", "fail-on", "category", "baseline", "dotnet-version"}
problems = []
if bad: problems.append(f"expressions inside run: in steps {bad}; pass inputs through env:")
if inputs != expected: problems.append(f"inputs {sorted(inputs)} differ from {sorted(expected)}")
if set(action["outputs"]) != {"sarif-file", "findings", "exit-code"}: problems.append(f"outputs are {sorted(action['outputs'])}")
if not all(re.fullmatch(r"[a-z]+(-[a-z]+)*", k) for k in inputs | set(action["outputs"])): problems.append("names must be kebab-case")
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
then ok "inputs reach run: steps only through env:; inputs and outputs as documented"
else fail "action.yml inputs/outputs"
fi

# The install steps, as in action.yml: the cache key, a build on a cache miss, then the tool on the PATH.
runner=$work/action
rm -rf "$runner" && mkdir -p "$runner/temp" "$runner/toolcache"
export RUNNER_TEMP=$runner/temp GITHUB_PATH=$runner/path RUNNER_TOOL_CACHE=$runner/toolcache RUNNER_OS=Linux RUNNER_ARCH=X64
key_of() { GITHUB_OUTPUT=$1 KUBENETLINT_SOURCE=${2:-$root} ACTION_REF=refs/heads/main bash action/tool-key.sh >/dev/null && sed -n "s/^$3=//p" "$1"; }
key=$(key_of "$runner/key.1" "" key); dir=$(key_of "$runner/key.1b" "" dir)
if [[ $key =~ ^kubenetlint-tool-v1-Linux-X64-refs-heads-main-[0-9a-f]{20}$ ]] && [ "$key" = "$(key_of "$runner/key.2" "" key)" ] \
   && [[ $dir == "$RUNNER_TOOL_CACHE"/kubenetlint/* ]]; then
  ok "action/tool-key.sh: key $key (stable), directory under RUNNER_TOOL_CACHE"
else
  fail "action/tool-key.sh: key '$key', directory '$dir'"
fi
# Another commit of the action (one source file changed) gets another key.
copy=$(mktemp -d)
tar -C "$root" --exclude=bin --exclude=obj -cf - src rules action Directory.Build.props Directory.Packages.props global.json | tar -C "$copy" -xf -
echo "// changed" >> "$copy/src/KubeNetLint.Cli/Program.cs"
if [ "$(key_of "$runner/key.3" "$copy" key)" != "$key" ]; then ok "action/tool-key.sh: a changed source file changes the key"; else fail "action/tool-key.sh: the key ignores a changed source file"; fi
rm -rf "$copy"
# Cache miss: build and install into the cached directory; then (as after a cache hit) put it on the PATH.
if KUBENETLINT_SOURCE=$root KUBENETLINT_HOME=$dir bash action/install.sh > "$runner/install.log" 2>&1 \
   && [ -x "$dir/bin/kubenetlint" ] && [ ! -e "$dir/packages" ] \
   && KUBENETLINT_HOME=$dir bash action/use.sh >> "$runner/install.log" 2>&1 && grep -qx "$dir/bin" "$GITHUB_PATH"; then
  ok "action/install.sh built the tool into the cached directory; action/use.sh added it to GITHUB_PATH"
else
  fail "action/install.sh and action/use.sh"; sed 's/^/    /' "$runner/install.log" >&2
fi
export KUBENETLINT=$dir/bin/kubenetlint

# lint NAME EXPECTED_STATUS [VAR=VALUE...]: the lint step with those inputs, in a fresh runner state,
# run from LINT_DIR when set (the workspace, with the repository checked out below it).
lint() {
  local name=$1 want=$2 status=0
  shift 2
  export GITHUB_OUTPUT=$runner/$name.output GITHUB_STEP_SUMMARY=$runner/$name.summary
  : > "$GITHUB_OUTPUT"
  echo "previous step's summary" > "$GITHUB_STEP_SUMMARY"
  (cd "${LINT_DIR:-$root}" && env "$@" bash "$root/action/lint.sh") > "$runner/$name.log" 2>&1 || status=$?
  if [ "$status" -eq "$want" ]; then ok "$name: lint step exits with $status"; else fail "$name: lint step exited with $status, expected $want"; sed 's/^/    /' "$runner/$name.log" >&2; fi
}
# has NAME FILE-SUFFIX TEXT: $runner/NAME.FILE-SUFFIX contains the line (or text) TEXT
has() {
  if grep -qF -- "$3" "$runner/$1.$2"; then ok "$1: $2 has '$3'"; else fail "$1: $2 lacks '$3'"; sed 's/^/    /' "$runner/$1.$2" >&2; fi
}

lint broken 1 INPUT_PATH="testdata/rules/KNL005/wrong-types.yaml testdata/rules/KNL003" INPUT_SARIF_FILE="$work/action-broken.sarif" INPUT_CATEGORY=manifests
has broken output "exit-code=1"
has broken output "$work/action-broken.sarif"
has broken summary "previous step's summary"
has broken summary "### KubeNetLint"
has broken summary "| ❌ error | [KNL005]"
has broken summary "| ❌ error | [KNL003]"
has broken log "::error file=testdata/rules/KNL005/wrong-types.yaml,line=9,col=13"
# The count agrees with the annotations in the log, the SARIF results and the summary's headline.
annotations=$(grep -cE '^::(error|warning|notice) ' "$runner/broken.log")
results=$(python3 -c 'import json,sys; print(sum(1 for r in json.load(open(sys.argv[1]))["runs"][0]["results"] if not r.get("suppressions")))' "$work/action-broken.sarif" 2>/dev/null)
if [ "$annotations" -gt 0 ] && [ "$annotations" = "$results" ]; then ok "broken: $annotations annotations, as many SARIF results"; else fail "broken: $annotations annotations but '$results' SARIF results"; fi
has broken output "findings=$annotations"
has broken summary "$annotations findings ("
if grep -q '"id": "manifests/"' "$work/action-broken.sarif" 2>/dev/null; then ok "broken: SARIF has the category"; else fail "broken: SARIF lacks automationDetails.id manifests/"; fi

# With the broken run's SARIF as the baseline nothing is new: the step passes and says how many were baselined.
lint baselined 0 INPUT_PATH="testdata/rules/KNL005/wrong-types.yaml testdata/rules/KNL003" INPUT_BASELINE="$work/action-broken.sarif" INPUT_SARIF_FILE="$work/action-baselined.sarif"
has baselined output "findings=0"
has baselined output "exit-code=0"
has baselined summary "$annotations baselined"
if grep -q '"baselineState": "unchanged"' "$work/action-baselined.sarif" 2>/dev/null && ! grep -q '"baselineState": "new"' "$work/action-baselined.sarif"; then
  ok "baselined: SARIF results are unchanged"
else
  fail "baselined: SARIF lacks baselineState unchanged"
fi

lint clean 0 INPUT_PATH=testdata/examples INPUT_FORMAT=text INPUT_SARIF_FILE="$work/action-clean.sarif"
has clean output "findings=0"
has clean output "exit-code=0"
has clean summary "✅ 0 findings"
has clean log "0 findings (0 errors, 0 warnings, 0 notes) in 5 files, 14 objects."
if grep -q automationDetails "$work/action-clean.sarif" 2>/dev/null; then fail "clean: SARIF has automationDetails without a category"; else ok "clean: no automationDetails without a category"; fi

lint tolerant 0 INPUT_PATH=testdata/rules/KNL005/wrong-types.yaml INPUT_FAIL_ON=none INPUT_SARIF_FILE="$runner/tolerant.sarif"
has tolerant output "exit-code=0"

# From another directory (a workspace with the repository checked out below it): annotations and SARIF
# still name files relative to the repository, not to where the tool ran.
elsewhere=$(mktemp -d)
LINT_DIR=$elsewhere lint elsewhere 1 INPUT_PATH="$root/testdata/rules/KNL005/wrong-types.yaml" INPUT_SARIF_FILE="$work/action-elsewhere.sarif" GITHUB_WORKSPACE="$elsewhere"
has elsewhere log "::error file=testdata/rules/KNL005/wrong-types.yaml,line=9,col=13"
if grep -q '"uri": "testdata/rules/KNL005/wrong-types.yaml"' "$work/action-elsewhere.sarif" 2>/dev/null; then ok "elsewhere: SARIF uri is repository-relative"; else fail "elsewhere: SARIF uri is not repository-relative"; fi
rm -rf "$elsewhere"

lint missing 2 INPUT_PATH=no/such/dir INPUT_SARIF_FILE="$runner/missing.sarif"
has missing output "exit-code=2"
has missing summary "kubenetlint stopped with exit code 2"

[ "$problems" -eq 0 ]
