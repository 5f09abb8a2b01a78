#!/usr/bin/env bash
# Mutation testing of all of KubeNetLint.Core, one folder at a time, each against the tests that exercise it.
#
#   tools/mutation-by-folder.sh [FOLDER...]     (default: every folder below; run from the repository root)
#
# One Stryker run over the whole project runs most of the suite for every mutant of Loading or Model (they
# are covered by nearly every test), including the slow end-to-end, corpus and browser tests; per folder,
# with a test filter, each run takes minutes. A filter can only miss kills, never invent them, so the
# summed score is a lower bound. Reports are copied to StrykerOutput/by-folder/<folder>.json and summed
# by tools/mutation-score.py.
set -euo pipefail
cd "$(dirname "$0")/.."

T=FullyQualifiedName~KubeNetLint.Tests
declare -A MUTATE FILTER
MUTATE[rules-gateway]='--mutate **/Rules/Gateway/*.cs'
FILTER[rules-gateway]="$T.Rules"
MUTATE[rules]='--mutate **/Rules/*/*.cs --mutate !**/Rules/Gateway/*.cs'
FILTER[rules]="$T.Rules"
MUTATE[rules-engine]='--mutate **/Rules/*.cs'
FILTER[rules-engine]="$T.Rules|$T.Cli"
MUTATE[connectivity]='--mutate **/Connectivity/**/*.cs --mutate !**/Reporting/**/*.cs'
FILTER[connectivity]="$T.Connectivity|$T.Rules|$T.Cli.PathsCommandTests|$T.Cli.CheckCommandTests"
MUTATE[model]='--mutate **/Model/**/*.cs'
FILTER[model]="$T.Model|$T.Rules|$T.Loading|$T.Schema"
MUTATE[graph]='--mutate **/Graph/**/*.cs'
FILTER[graph]="$T.Graph|$T.Rules|$T.Connectivity"
MUTATE[loading]='--mutate **/Loading/**/*.cs'
# The loader tests without the three slowest (random documents through both parsers, wrong types everywhere,
# repeated runs: 17 of the 20 s); every parser mutant is covered by all of them, so they made the run take hours.
FILTER[loading]="$T.Loading&FullyQualifiedName!~Mutated_documents_parse_the_same_both_ways&FullyQualifiedName!~Wrong_value_types_anywhere_never_throw&FullyQualifiedName!~Output_order_is_deterministic_across_runs"
MUTATE[reporting]='--mutate **/Reporting/**/*.cs'
FILTER[reporting]="$T.Reporting|$T.Cli|$T.Connectivity.CommandTests|$T.Connectivity.DiffMarkdownTests|$T.Rules.Gateway.RoutesCommandTests|$T.Rules.CatalogTests"
MUTATE[config]='--mutate **/Config/*.cs --mutate **/KubeNetLint.Core/*.cs'
FILTER[config]="$T.Config|$T.Cli.CommandLineTests"
ALL=(rules-gateway rules rules-engine connectivity model graph loading reporting config)

folders=("$@")
[ ${#folders[@]} -eq 0 ] && folders=("${ALL[@]}")
for f in "${folders[@]}"; do
  if [ -z "${MUTATE[$f]:-}" ]; then echo "unknown folder '$f' (one of: ${ALL[*]})" >&2; exit 2; fi
done

dotnet tool restore >/dev/null
mkdir -p StrykerOutput/by-folder
for f in "${folders[@]}"; do
  echo "== $f: $(date -u +%H:%M:%S) UTC"
  start=$(date +%s)
  # shellcheck disable=SC2086 # MUTATE holds several options on purpose; globs are for Stryker, not the shell.
  (set -f; dotnet stryker --config-file stryker-config.json --mutation-level Basic ${MUTATE[$f]} \
      --test-case-filter "${FILTER[$f]}") > "StrykerOutput/by-folder/$f.log" 2>&1
  # shellcheck disable=SC2012 # Stryker names its folders by date and time: no odd characters.
  report=$(ls -td StrykerOutput/20*/ | head -1)reports/mutation-report.json
  cp "$report" "StrykerOutput/by-folder/$f.json"
  echo "   $(( ($(date +%s) - start) / 60 )) min, $(grep -o 'final mutation score is.*' "StrykerOutput/by-folder/$f.log" || echo 'no score')"
done
python3 tools/mutation-score.py StrykerOutput/by-folder/*.json
