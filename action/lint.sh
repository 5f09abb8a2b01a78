#!/usr/bin/env bash
# The action's lint step. One run of `kubenetlint check` prints the report in INPUT_FORMAT to the log,
# writes SARIF to INPUT_SARIF_FILE, appends a Markdown summary to $GITHUB_STEP_SUMMARY and sets the
# outputs sarif-file, findings and exit-code in $GITHUB_OUTPUT. Exits with kubenetlint's exit code,
# so the step fails according to INPUT_FAIL_ON.
# Inputs arrive only as environment variables (never expanded into a script: no script injection).
#   KUBENETLINT        the tool (default: kubenetlint on the PATH)
#   INPUT_PATH         paths, separated by white space (default: .)
#   INPUT_CONFIG, INPUT_FORMAT (github), INPUT_SARIF_FILE (kubenetlint.sarif), INPUT_FAIL_ON (error), INPUT_CATEGORY,
#   INPUT_BASELINE     a previous report: only findings not in it are reported and counted
set -uo pipefail

kubenetlint=${KUBENETLINT:-kubenetlint}
paths=()
read -r -d '' -a paths <<< "${INPUT_PATH:-}" || true
[ ${#paths[@]} -gt 0 ] || paths=(.)
sarif=${INPUT_SARIF_FILE:-kubenetlint.sarif}
scratch=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/kubenetlint.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

args=(check
  --format "${INPUT_FORMAT:-github}"
  --fail-on "${INPUT_FAIL_ON:-error}"
  --report "sarif=$sarif"
  --report "md=$scratch/summary.md"
  --report "json=$scratch/report.json")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
[ -n "${INPUT_CATEGORY:-}" ] && args+=(--sarif-category "$INPUT_CATEGORY")
[ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")

"$kubenetlint" "${args[@]}" -- "${paths[@]}"
code=$?

# Visible findings: the sum of the JSON report's summary counts (suppressed ones are not in them).
findings=0
if [ -f "$scratch/report.json" ]; then
  findings=$(grep -E '^ *"(errors|warnings|notes)": [0-9]+,?$' "$scratch/report.json" | grep -oE '[0-9]+' | awk '{ n += $1 } END { print n + 0 }')
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  if [ -f "$scratch/summary.md" ]; then
    cat "$scratch/summary.md" >> "$GITHUB_STEP_SUMMARY"
  else
    printf '### KubeNetLint\n\nkubenetlint stopped with exit code %s before it could report; see the log.\n' "$code" >> "$GITHUB_STEP_SUMMARY"
  fi
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  delimiter="kubenetlint_$RANDOM$RANDOM"
  {
    printf 'sarif-file<<%s\n%s\n%s\n' "$delimiter" "$sarif" "$delimiter"
    printf 'findings=%s\n' "$findings"
    printf 'exit-code=%s\n' "$code"
  } >> "$GITHUB_OUTPUT"
fi

exit "$code"
