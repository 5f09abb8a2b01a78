#!/usr/bin/env bash
# Builds the kubenetlint .NET tool from a checkout of this repository (the action's own) and installs it
# into $KUBENETLINT_HOME/bin. The action runs it only when actions/cache has no tool for this commit and
# runner (action/tool-key.sh), and action/use.sh puts the tool on $GITHUB_PATH.
#   KUBENETLINT_SOURCE  the checkout (default: the directory above this script)
#   KUBENETLINT_HOME    where to put the package and the tool (emptied first)
set -euo pipefail

source_dir=${KUBENETLINT_SOURCE:-$(cd "$(dirname "$0")/.." && pwd)}
home=${KUBENETLINT_HOME:?set KUBENETLINT_HOME to a scratch directory}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

rm -rf "$home"
mkdir -p "$home/packages"
# Only the package just built: the workflow's own NuGet.config (private feeds) plays no part.
cat > "$home/nuget.config" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
  </packageSources>
</configuration>
XML

# Packed from inside the checkout so that its global.json, not the workflow's, picks the SDK.
(cd "$source_dir" && dotnet pack src/KubeNetLint.Cli/KubeNetLint.Cli.csproj -c Release -o "$home/packages" -p:KubeNetLintReadyToRun=true -nologo -v quiet)
(cd "$home" && dotnet tool install kubenetlint --tool-path "$home/bin" --add-source "$home/packages" --configfile "$home/nuget.config")
"$home/bin/kubenetlint" --version
# Only the tool is kept (and cached): the package and the NuGet config are not needed to run it.
rm -rf "$home/packages" "$home/nuget.config"
