#!/usr/bin/env bash
# The task's own time, cold and warm, for the packed package (this tree) and, with BEFORE_FEED, another one (a folder
# holding an IdpDynamo.Build .nupkg, e.g. packed from an older commit), paired and interleaved in the same rounds:
#   cold  a new `dotnet build` process (no node reuse, no MSBuild server), the values file touched so the task runs,
#         N (7) rounds, the order of the packages alternating per round
#   warm  the same build through the MSBuild server (node and loaded task kept between builds), N rounds after one
#         discarded build per package
# Each figure is ValidateDynamoValues from the Task Performance Summary of the build's binary log (replayed to a
# diagnostic log, as build-overhead.sh reads it), 10-table values file; the report also names the task assembly each
# build loaded. Medians per package and, with BEFORE_FEED, the median of the per-round differences after - before.
# FRAMEWORKS="net8.0 netstandard2.0" adds, per entry, this tree's package with -p:IdpDynamoTasksFramework=<entry> (the
# asset another host would load) as one more variant "after-<entry>" of the same rounds.
#   BEFORE_FEED=/tmp/before-feed N=7 FRAMEWORKS=net8.0 bench/task-cold-start.sh
# Target: warm <= 5 ms (build-overhead.sh); cold well below the 50-76 ms of the netstandard2.0 task.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
N="${N:-7}"
BEFORE_FEED="${BEFORE_FEED:-}"
OUT="$WORK/task-cold-start"

pack_package
PACKAGES="after"
[ -n "$BEFORE_FEED" ] && PACKAGES="before after"
VARIANTS="$PACKAGES"
for framework in ${FRAMEWORKS:-}; do VARIANTS+=" after-$framework"; done
feed_of() { if [ "$1" = before ]; then echo "$BEFORE_FEED"; else echo "$FEED"; fi; }
rm -rf "$OUT"
mkdir -p "$OUT"

for pkg in $PACKAGES; do
  dir="$OUT/$pkg"
  scaffold_root "$dir"
  sed -i "s|value=\"$FEED\"|value=\"$(feed_of "$pkg")\"|" "$dir/NuGet.config"
  dotnet "$BENCH" generate 10 "$dir/apps/bench-test/orders/dynamodb/values.yaml" >/dev/null
  bench_application "$dir/apps/bench-test/orders/dynamodb/application.yaml"
  mkdir -p "$dir/Consumer"
  cat > "$dir/Consumer/Consumer.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="IdpDynamo.Build" Version="*-*" PrivateAssets="all" />  <!-- the one version in this feed -->
    <PackageReference Include="AWSSDK.DynamoDBv2" Version="[4.0.110]" />
    <IdpDynamoValues Include="../apps/bench-test/orders/dynamodb/values.yaml" />
  </ItemGroup>
</Project>
XML
  printf 'namespace Consumer;\n\npublic static class Program\n{\n    public static int Main() => 0;\n}\n' > "$dir/Consumer/Program.cs"
  rm -rf "$WORK/nuget-packages-$pkg/idpdynamo.build"
  NUGET_PACKAGES="$WORK/nuget-packages-$pkg" flock -o "$LOCK" dotnet restore "$dir/Consumer" -nologo -v:q --force >/dev/null
  NUGET_PACKAGES="$WORK/nuget-packages-$pkg" dotnet build "$dir/Consumer" --no-restore -nologo -v:q >/dev/null
done

task_ms() { grep -E '^\s+[0-9]+ ms\s+(IdpDynamo\.Build\.Tasks\.)?ValidateDynamoValues\s' "$1" | awk '{print $1}' | head -1; }
task_assembly() { grep -m1 -oE 'Using "(IdpDynamo\.Build\.Tasks\.)?ValidateDynamoValues" task from assembly "[^"]+"' "$1" | sed -E 's/.*assembly "([^"]+)"/\1/'; }
declare -A T ASSEMBLY
# build_once KIND VARIANT I: the touched values file, one build with a binary log, the task's ms appended to
# T[KIND-VARIANT]. A variant is a package (before, after) or after-<framework>.
build_once() {
  local kind=$1 pkg=$2 i=$3 base=${2%%-*} log extra=()
  [ "$pkg" != "$base" ] && extra=("-p:IdpDynamoTasksFramework=${pkg#*-}")
  touch "$OUT/$base/apps/bench-test/orders/dynamodb/values.yaml"
  NUGET_PACKAGES="$WORK/nuget-packages-$base" dotnet build "$OUT/$base/Consumer" --no-restore -nologo -v:q "${extra[@]}" "-bl:$OUT/$kind-$pkg-$i.binlog" >/dev/null
  [ "$i" = 0 ] && return 0
  log=$(replay "$OUT/$kind-$pkg-$i.binlog")
  T[$kind-$pkg]+="$(task_ms "$log") "
  ASSEMBLY[$pkg]=$(task_assembly "$log")
}
# Rounds alternate the order of the variants (before, after; after, before; ...).
order() { if [ $(($1 % 2)) = 1 ]; then echo "$VARIANTS"; else tr ' ' '\n' <<<"$VARIANTS" | tac | tr '\n' ' '; fi; }

echo "== cold: a new dotnet build process per build, $N rounds"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
for ((round = 1; round <= N; round++)); do
  for pkg in $(order "$round"); do build_once cold "$pkg" "$round"; done
  echo "  round $round: $(for pkg in $VARIANTS; do printf '%s %s ms; ' "$pkg" "$(tr ' ' '\n' <<<"${T[cold-$pkg]}" | grep . | tail -1)"; done)"
done

echo "== warm: the MSBuild server keeps the node and the loaded task, $N rounds after one discarded build each"
unset MSBUILDDISABLENODEREUSE
export DOTNET_CLI_USE_MSBUILD_SERVER=1
for pkg in $VARIANTS; do build_once warm "$pkg" 0; done
for ((round = 1; round <= N; round++)); do
  for pkg in $(order "$round"); do build_once warm "$pkg" "$round"; done
done
dotnet build-server shutdown --msbuild >/dev/null 2>&1 || true
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

m() { tr ' ' '\n' <<<"${T[$1]}" | grep . | median; }
# paired KIND VARIANT: the median of the per-round differences VARIANT - before, in ms.
paired() { paste <(tr ' ' '\n' <<<"${T[$1-$2]}" | grep .) <(tr ' ' '\n' <<<"${T[$1-before]}" | grep .) | awk '{print $1 - $2}' | median; }
report="$WORK/task-cold-start.txt"
{
  echo "task-cold-start: N=$N paired, interleaved rounds; $(date -u +%FT%TZ); $(machine)"
  for pkg in $VARIANTS; do
    echo "  $pkg: $(ls "$(feed_of "${pkg%%-*}")"/IdpDynamo.Build.*.nupkg | sed 's|.*/||'); task assembly ${ASSEMBLY[$pkg]#"$WORK/"}"
  done
  echo "  ValidateDynamoValues, ms: median per variant; with BEFORE_FEED, [median of the paired differences variant - before]"
  for kind in cold warm; do
    line="  $kind:"
    for pkg in $VARIANTS; do
      line+=" $pkg $(m "$kind-$pkg")"
      [ -n "$BEFORE_FEED" ] && [ "$pkg" != before ] && line+=" [$(paired "$kind" "$pkg")]"
      line+=";"
    done
    echo "$line"
  done
  for kind in cold warm; do
    for pkg in $VARIANTS; do echo "  runs $kind $pkg: ${T[$kind-$pkg]}"; done
  done
  echo "  target: warm <= 5 ms"
} | tee "$report"
echo "(written to $report; binary logs in $OUT)"
