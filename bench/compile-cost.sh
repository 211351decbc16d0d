#!/usr/bin/env bash
# What IdpDynamo.Build's analyzers and generator cost a service's compile, on two services:
#   bench     the generated 500-file service of bench/analyzers.sh (every file calls DynamoDB four times, 20 tables);
#   realistic 300 files, one in ten a repository with DynamoDB calls, the rest ordinary application code (10 tables).
# Each is a consumer of the packed package (net10.0, the SDK's default analyzers, IdpDynamoServiceRole set).
#  1. `dotnet build -p:ReportAnalyzer=true` (only the compile redone, N_BUILD rounds): IdpDynamo's analyzer and generator
#     time as a share of the Csc task (target <= 3 %).
#  2. In process (bench/IdpDynamo.CompileCost, the SDK's own compiler, the Csc command line of that build): the compile
#     without IdpDynamo (its generated source as plain files) against the compile with it, ROUNDS (15) steady rounds
#     (target: marginal <= 2 %) and FRESH (7) rounds of one compile per new process (target <= 5 %).
# With BEFORE_FEED (a folder holding another IdpDynamo.Build .nupkg, e.g. packed from an older commit), every
# measurement also runs that package, interleaved in the same rounds: before and after in one run.
# IN_PROCESS=0 runs step 1 only.
#   bench/compile-cost.sh     SERVICES=realistic ROUNDS=15 FRESH=7 N_BUILD=3 BEFORE_FEED=/tmp/before/feed bench/compile-cost.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
SERVICES="${SERVICES:-bench realistic}"
ROUNDS="${ROUNDS:-15}"
FRESH="${FRESH:-7}"
N_BUILD="${N_BUILD:-3}"
BEFORE_FEED="${BEFORE_FEED:-}"
COST="$WORK/compile-cost"
TOOL="$PWD/bench/IdpDynamo.CompileCost/bin/Release/net10.0/IdpDynamo.CompileCost.dll"

pack_package
flock -o "$LOCK" dotnet build -c Release bench/IdpDynamo.CompileCost -nologo -v:q -clp:NoSummary >/dev/null
PACKAGES="after"
[ -n "$BEFORE_FEED" ] && PACKAGES="before after"
feed_of() { if [ "$1" = before ]; then echo "$BEFORE_FEED"; else echo "$FEED"; fi; }
csc_ms() { grep -E '^\s+[0-9]+ ms\s+Csc\s' "$1" | awk '{print $1}' | head -1; }
report="$WORK/compile-cost.txt"
: > "$report"

for service in $SERVICES; do
  for pkg in $PACKAGES; do
    dir="$COST/$service-$pkg"
    rm -rf "$dir"
    mkdir -p "$dir"
    scaffold_root "$dir"
    sed -i "s|value=\"$FEED\"|value=\"$(feed_of "$pkg")\"|" "$dir/NuGet.config"
    if [ "$service" = bench ]; then
      dotnet "$BENCH" service "$dir" 500 20 >/dev/null
    else
      dotnet "$BENCH" realistic-service "$dir" 300 10 >/dev/null
    fi
    root_namespace=Bench.Service
    [ "$service" = realistic ] && root_namespace=Bench.Realistic
    cat > "$dir/Service/Service.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <RootNamespace>$root_namespace</RootNamespace>
    <IdpDynamoServiceRole>bench-api-bench-test</IdpDynamoServiceRole>
    <NoWarn>\$(NoWarn);CS1591</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="IdpDynamo.Build" Version="*-*" PrivateAssets="all" />  <!-- the one version in this run's feed -->
    <PackageReference Include="AWSSDK.DynamoDBv2" Version="[4.0.110]" />
    <IdpDynamoValues Include="../apps/bench-test/orders/dynamodb/values.yaml" />
  </ItemGroup>
</Project>
XML
    NUGET_PACKAGES="$WORK/nuget-packages-$pkg" flock -o "$LOCK" dotnet restore "$dir/Service" -nologo -v:q >/dev/null
    rm -rf "$WORK/nuget-packages-$pkg/idpdynamo.build"
    NUGET_PACKAGES="$WORK/nuget-packages-$pkg" flock -o "$LOCK" dotnet restore "$dir/Service" -nologo -v:q --force >/dev/null
    # Warm-up build at normal verbosity: the Csc task logs its command line, which the in-process benchmark replays.
    NUGET_PACKAGES="$WORK/nuget-packages-$pkg" dotnet build "$dir/Service" --no-restore -nologo -p:UseSharedCompilation=false \
      "-flp:v=n;logfile=$dir/warmup.log" -clp:NoSummary -v:q > /dev/null || { grep -E "error" "$dir/warmup.log" | head -20; exit 1; }
    # The SDK runs the compiler as `dotnet ".../csc.dll" ...` or, since .NET 10, as the apphost `.../bincore/csc ...`.
    grep -m1 -E '(csc\.dll"|/bincore/csc) /noconfig' "$dir/warmup.log" | sed -E 's/^.*(csc\.dll"|\/bincore\/csc) //' > "$dir/csc.rsp" || true
    [ -s "$dir/csc.rsp" ] || { echo "no Csc command line in $dir/warmup.log" >&2; exit 1; }
    if grep -qE "AD0001|CS8785|IDPDYN999" "$dir/warmup.log"; then echo "an analyzer or the generator failed ($dir/warmup.log)" >&2; exit 1; fi
  done

  # 1. ReportAnalyzer share of Csc, the packages interleaved.
  declare -A SHARES=()
  for ((i = 1; i <= N_BUILD; i++)); do
    for pkg in $PACKAGES; do
      dir="$COST/$service-$pkg"
      rm -f "$dir/Service/obj/Debug/net10.0/Service.dll"
      NUGET_PACKAGES="$WORK/nuget-packages-$pkg" dotnet build "$dir/Service" --no-restore -nologo -v:q -p:ReportAnalyzer=true "-bl:$dir/build-$i.binlog" >/dev/null
      log=$(replay "$dir/build-$i.binlog")
      csc=$(csc_ms "$log")
      idp=$(awk '/Total analyzer execution time/ {a=1} /Total generator execution time/ {a=0} a && /IdpDynamo.Analyzers,/ {print $1; exit}' "$log")
      gen=$(awk '/Total generator execution time/ {g=1} g && /IdpDynamo.Analyzers,/ {print $1; exit}' "$log")
      share=$(awk -v i="${idp:-0}" -v g="${gen:-0}" -v c="$csc" 'BEGIN {printf "%.2f", (i + g) * 1000 / c * 100}')
      SHARES[$pkg]="${SHARES[$pkg]:-} $share"
      echo "  $service $pkg round $i: Csc $csc ms, IdpDynamo analyzers ${idp:-0} s + generator ${gen:-0} s = $share %" | tee -a "$report"
      cp "$log" "$dir/last-build.log"
    done
  done
  for pkg in $PACKAGES; do
    m=$(printf '%s\n' ${SHARES[$pkg]} | median)
    echo "$service $pkg: ReportAnalyzer share of Csc (IdpDynamo analyzers + generator), median of $N_BUILD: $m % (target <= 3 %: $(awk -v m="$m" 'BEGIN {print (m <= 3) ? "met" : "MISSED"}'))" | tee -a "$report"
    # IdpDynamo's lines of the analyzer and generator tables (awk: no failing grep or early-closing head under pipefail).
    awk '/Total analyzer execution time/ {t=1} t && /IdpDynamo\.Analyzers[,.]/ && n++ < 14 {print "    " substr($0, 1, 160)}' "$COST/$service-$pkg/last-build.log" | tee -a "$report"
  done
  unset SHARES

  # 2. In process: none / (before) / after, interleaved (IN_PROCESS=0 skips it).
  [ "${IN_PROCESS:-1}" = 0 ] && continue
  dir="$COST/$service-after"
  variants=()
  for pkg in $PACKAGES; do
    # The copy the command-line compiler gets: the precompiled one where the package has it for this platform.
    dll=$(ls "$WORK/nuget-packages-$pkg"/idpdynamo.build/*/readytorun/linux-x64/IdpDynamo.Analyzers.dll 2>/dev/null \
      || ls "$WORK/nuget-packages-$pkg"/idpdynamo.build/*/analyzers/dotnet/roslyn4.14/cs/IdpDynamo.Analyzers.dll)
    variants+=(--variant "$pkg=$dll")
  done
  echo "== $service: in-process compile" | tee -a "$report"
  dotnet "$TOOL" steady "$dir/csc.rsp" "$dir/Service" --rounds "$ROUNDS" "${variants[@]}" | tee -a "$report"
  dotnet "$TOOL" fresh "$dir/csc.rsp" "$dir/Service" --rounds "$FRESH" "${variants[@]}" | tee -a "$report"
done
echo "(written to $report)"
