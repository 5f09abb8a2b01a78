#!/usr/bin/env bash
# The .NET tool as users get it. `dotnet pack` at the repository root must make the kubenetlint package
# (with its per-platform ReadyToRun packages); installed into a tool path it must print the semantic version that SARIF carries and
# lint the bundled example, `helm template` output on standard input and Kustomize output (piped and
# with --kustomize). SARIF it writes is left in WORK for .ci/run to validate.
# Usage: .ci/test-tool.sh WORK   (the tool ends up in WORK/tool)
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:?usage: test-tool.sh WORK}
problems=0
fail() { echo "FAILED: $*" >&2; problems=$((problems + 1)); }
ok() { echo "ok: $*"; }

# run EXPECTED_STATUS NAME COMMAND...: output in $work/NAME.out, stderr in $work/NAME.err
run() {
  local want=$1 name=$2 status=0
  shift 2
  "$@" > "$work/$name.out" 2> "$work/$name.err" || status=$?
  if [ "$status" -ne "$want" ]; then
    fail "$name: exit status $status, expected $want"
    sed 's/^/    /' "$work/$name.out" "$work/$name.err" >&2
    return 1
  fi
}

# contains NAME TEXT: the output (or stderr) of run NAME has TEXT
contains() {
  if grep -qF -- "$2" "$work/$1.out" "$work/$1.err"; then ok "$1: has '$2'"; else fail "$1: no '$2' in its output"; sed 's/^/    /' "$work/$1.out" "$work/$1.err" >&2; fi
}

rm -rf "$work/packages" "$work/tool" "$work/nuget.config"
# A plain `dotnet pack` (what pre-commit's language: dotnet runs) makes one portable package.
rm -rf "$work/plain-packages"
(cd "$root" && dotnet pack -c Release -o "$work/plain-packages" -nologo -v quiet) || fail "dotnet pack at the repository root"
plain=$(find "$work/plain-packages" -maxdepth 1 -name "*.nupkg" -printf "%f\n" 2>/dev/null)
one_package='^kubenetlint[.][0-9][^/]*[.]nupkg$'
if [ "$(printf '%s\n' "$plain" | grep -c .)" -eq 1 ] && [[ $plain =~ $one_package ]]; then ok "plain dotnet pack made one portable package: $plain"
else fail "plain dotnet pack should make exactly one package, kubenetlint.VERSION.nupkg; it made: ${plain:-nothing}"; fi
# The release build (README Install, the Action): ReadyToRun packages per platform.
(cd "$root" && dotnet pack -c Release -o "$work/packages" -p:KubeNetLintReadyToRun=true -nologo -v quiet) || fail "dotnet pack -p:KubeNetLintReadyToRun=true"
# With KubeNetLintReadyToRun, .NET 10's layout of a RID-specific tool: kubenetlint.VERSION.nupkg points at one package per platform,
# each with ReadyToRun code, and at kubenetlint.any, the portable fallback.
packages=$(find "$work/packages" -maxdepth 1 -name "*.nupkg" -printf "%f " 2>/dev/null)
for rid in linux-x64 linux-arm64 osx-arm64 win-x64 any; do
  if compgen -G "$work/packages/kubenetlint.$rid.*.nupkg" >/dev/null; then ok "dotnet pack made the $rid package"
  else fail "dotnet pack made no kubenetlint.$rid package; it made: ${packages:-nothing}"; fi
done
pointer=$(cd "$work/packages" 2>/dev/null && ls -1 -- kubenetlint.[0-9]*.nupkg 2>/dev/null)
if [ "$(printf '%s\n' "$pointer" | grep -c .)" -eq 1 ]; then ok "one top-level package: $pointer"
else fail "dotnet pack should make one top-level kubenetlint.VERSION.nupkg; it made: ${packages:-nothing}"; fi
if python3 - "$work"/packages/kubenetlint.any.*.nupkg "$work"/packages/kubenetlint.linux-x64.*.nupkg <<'PY'
import struct, sys, zipfile
def ready_to_run(data):
    # A ReadyToRun image has a managed native header (CLI header at +72 of the CLR header) whose
    # signature is "RTR\0"; an IL-only assembly has none.
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    magic = struct.unpack_from("<H", data, pe + 24)[0]
    dirs = pe + 24 + (96 if magic == 0x10B else 112)
    sections = pe + 24 + struct.unpack_from("<H", data, pe + 20)[0]
    def offset(rva):
        for i in range(struct.unpack_from("<H", data, pe + 6)[0]):
            va, size, raw = struct.unpack_from("<III", data, sections + 40 * i + 12)
            if va <= rva < va + max(size, 1): return rva - va + raw
    cli = offset(struct.unpack_from("<I", data, dirs + 14 * 8)[0])
    native_rva = struct.unpack_from("<I", data, cli + 64)[0]
    return native_rva != 0 and data[offset(native_rva):offset(native_rva) + 4] == b"RTR\0"
portable, linux = (zipfile.ZipFile(p) for p in sys.argv[1:3])
core = lambda z: next(n for n in z.namelist() if n.endswith("/KubeNetLint.Core.dll"))
ok = "/any/" in core(portable) and not ready_to_run(portable.read(core(portable))) and ready_to_run(linux.read(core(linux)))
sys.exit(0 if ok else 1)
PY
then ok "kubenetlint.any is portable IL; kubenetlint.linux-x64 carries ReadyToRun code"
else fail "the any package is not portable IL, or the linux-x64 package has no ReadyToRun code"; fi

# Only the local package: a same-named package on a public feed must not be picked up instead.
printf '<configuration><packageSources><clear /></packageSources></configuration>\n' > "$work/nuget.config"
dotnet tool install kubenetlint --tool-path "$work/tool" --add-source "$work/packages" --configfile "$work/nuget.config" \
  || fail "dotnet tool install --tool-path"
knl=$work/tool/kubenetlint
if [ "$(uname -sm)" = "Linux x86_64" ]; then
  if find "$work/tool/.store" -path "*kubenetlint.linux-x64*" -name KubeNetLint.Core.dll | grep -q .; then
    ok "on linux-x64 the install took the ReadyToRun linux-x64 package"
  else fail "on linux-x64 the install did not take the kubenetlint.linux-x64 package"; fi
fi

if run 0 version "$knl" --version; then
  # "0.1.0 (commit 0123456789ab)": the version, then the commit the package was built from.
  printed=$(cat "$work/version.out")
  version=${printed%% *}
  run 0 examples "$knl" check "$root/testdata/examples" --format sarif --output "$work/tool-examples.sarif"
  semantic=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["runs"][0]["tool"]["driver"]["semanticVersion"])' "$work/tool-examples.sarif" 2>/dev/null)
  with_commit='^[^ ]+( [(]commit [0-9a-f]{7,40}[)])?$'
  if [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] && [ "$version" = "$semantic" ] &&
     [[ $printed =~ $with_commit ]]; then
    ok "kubenetlint --version prints $printed: the SARIF semanticVersion and the commit"
  else
    fail "kubenetlint --version printed '$printed'; SARIF semanticVersion is '$semantic'"
  fi
fi

cd "$root" || exit 2
helm_chart=testdata/integration/helm
run 1 helm-stdin "$knl" check - < "$helm_chart/rendered.yaml" \
  && contains helm-stdin "<stdin>:28:13: error KNL005 invalid-field-type" \
  && contains helm-stdin "(from $helm_chart/demo/templates/service.yaml:14)"
if run 1 helm-sarif "$knl" check - --format sarif --output "$work/helm-stdin.sarif" < "$helm_chart/rendered.yaml"; then
  if grep -qF "\"uri\": \"$helm_chart/demo/templates/service.yaml\"" "$work/helm-stdin.sarif"; then
    ok "helm-sarif: the result points at the chart template"
  else
    fail "helm-sarif: no result at the chart template"
  fi
fi

overlays=testdata/integration/kustomize/overlays
if command -v kubectl >/dev/null; then
  kubectl kustomize "$overlays/staging" > "$work/staging.yaml" || fail "kubectl kustomize $overlays/staging"
  run 1 kustomize-pipe "$knl" check - < "$work/staging.yaml" && contains kustomize-pipe "<stdin>:24:13: error KNL005"
  run 1 kustomize-sarif "$knl" check - --format sarif --output "$work/stdin.sarif" < "$work/staging.yaml" \
    && grep -qF '"uri": "%3Cstdin%3E"' "$work/stdin.sarif" && ok "kustomize-sarif: <stdin> as a relative URI"
  run 0 kustomize-prod "$knl" check --kustomize "$overlays/prod"
  run 1 kustomize-staging "$knl" check --kustomize "$overlays/staging" \
    && contains kustomize-staging "<kustomize $overlays/staging>:24:13: error KNL005"
  run 2 kustomize-broken "$knl" check --kustomize testdata/integration/kustomize/broken \
    && contains kustomize-broken "missing.yaml"
else
  fail "kubectl is not installed"
fi
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
run 2 kustomize-no-kubectl env PATH=/nonexistent DOTNET_ROOT="$dotnet_root" "$knl" check --kustomize "$overlays/prod" \
  && contains kustomize-no-kubectl "kubectl was not found on the PATH"

[ "$problems" -eq 0 ]
