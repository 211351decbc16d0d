# Shared by bench/build-overhead.sh and bench/analyzers.sh (sourced from the repository root).
# Packs IdpDynamo.Build into a private feed and scaffolds consumer projects in a temp folder, the way
# tests/IdpDynamo.Build.Tests/Infrastructure does: outside the repository (no Directory.Build.props of ours), a
# NuGet.config naming the feed, and an isolated NUGET_PACKAGES so a re-packed version is never served stale.
# pack_package sets IDPDYN_VERSION to the version it packed; the consumer projects reference exactly that one.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_UI_LANGUAGE=en
LOCK=/tmp/idpdyn-build.lock  # flock -o: the lock is not inherited by what the command leaves running (a compiler server)
BENCH="$PWD/bench/IdpDynamo.Benchmarks/bin/Release/net10.0/IdpDynamo.Benchmarks.dll"
WORK="${IDPDYN_BENCH_WORK:-${TMPDIR:-/tmp}/idpdyn-bench}"
FEED="$WORK/feed"
export NUGET_PACKAGES="$WORK/nuget-packages"

pack_package() {
  echo "== dotnet pack nuget/IdpDynamo.Build.Package.csproj -> $FEED"
  rm -rf "$FEED" "$NUGET_PACKAGES/idpdynamo.build"
  mkdir -p "$FEED"
  # The pack builds the repository's projects: with the caller's package cache, under the shared build lock.
  NUGET_PACKAGES= flock -o "$LOCK" dotnet pack nuget/IdpDynamo.Build.Package.csproj -c Release -o "$FEED" -nologo -v:q -clp:NoSummary >/dev/null
  flock -o "$LOCK" dotnet build -c Release bench/IdpDynamo.Benchmarks -nologo -v:q -clp:NoSummary >/dev/null
  local package
  package=$(ls "$FEED"/IdpDynamo.Build.*.nupkg)
  package=${package##*/IdpDynamo.Build.}
  export IDPDYN_VERSION=${package%.nupkg}
  echo "(IdpDynamo.Build $IDPDYN_VERSION)"
}

# scaffold_root DIR: empty Directory.* files (no repository settings leak in) and the NuGet.config of the feed.
scaffold_root() {
  local dir=$1
  mkdir -p "$dir"
  printf '<Project>\n</Project>\n' > "$dir/Directory.Build.props"
  printf '<Project>\n</Project>\n' > "$dir/Directory.Build.targets"
  printf '<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n' > "$dir/Directory.Packages.props"
  cat > "$dir/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="idpdynamo-bench" value="$FEED" />
  </packageSources>
</configuration>
XML
}

# bench_application FILE: the Argo CD application.yaml beside a bench values file (namespace bench-test, chart 2.1.11).
bench_application() {
  cat > "$1" <<'YAML'
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: orders-dynamodb
  namespace: bench-test
helm:
  chart: helm/idp-dynamodb
  chartVersion: "2.1.11"
YAML
}

# ms COMMAND...: wall time of one run in milliseconds (output discarded, failure fatal).
ms() {
  local start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; "$@" 2>&1 | tail -30 >&2; exit 1; }
  local end=$EPOCHREALTIME
  echo $(( (${end/./} - ${start/./}) / 1000 ))
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "n/a"; else print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# replay BINLOG: the binary log replayed into a diagnostic text log (with the task and target performance summaries).
replay() {
  local binlog=$1
  dotnet msbuild "$binlog" -noconlog "-flp:v=diag;logfile=${binlog%.binlog}.log;performancesummary" >/dev/null
  echo "${binlog%.binlog}.log"
}

machine() {
  echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB, dotnet $(dotnet --version), load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
