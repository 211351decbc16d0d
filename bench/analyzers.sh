#!/usr/bin/env bash
# (e) The IdpDynamo analyzers on a generated service: FILES C# files (default 500) with four DynamoDB calls each
# (about 2,000: GetItemRequest with the generated table-name accessor and Key(...), QueryRequest on a generated index,
# PutItemRequest with a literal table name, DataModel LoadAsync on [DynamoDBTable] entities) over TABLES tables
# (default 20), IdpDynamoServiceRole set so the access checks run too. Built with -p:ReportAnalyzer=true -bl; the
# binary log is replayed and the compiler's own per-analyzer report is read: IdpDynamo analyzer (and generator) time
# against the Csc task's time. The compiler attributes shared work (binding, IOperation trees) to the first analyzer
# that asks for it, so the marginal cost is measured too: each round also compiles with the IdpDynamo analyzers
# switched off (a globalconfig with every IDPDYN2xx and IDPDYN999 at severity none: the compiler then does not run
# them; the generator still runs), and the Csc times of the two are compared.
# Target: IdpDynamo analyzers <= 1 % of compile time.
#   bench/analyzers.sh            FILES=100 bench/analyzers.sh     N=3 bench/analyzers.sh (builds measured, median)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
FILES="${FILES:-500}"
TABLES="${TABLES:-20}"
N="${N:-3}"
OUT="$WORK/analyzers"

pack_package
rm -rf "$OUT"
scaffold_root "$OUT"
dotnet "$BENCH" service "$OUT" "$FILES" "$TABLES"
mkdir -p "$OUT/Service"
cat > "$OUT/Service/Service.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <RootNamespace>Bench.Service</RootNamespace>
    <IdpDynamoServiceRole>bench-api-bench-test</IdpDynamoServiceRole>
    <!-- The generated repositories are not documented; that is not what is measured. -->
    <NoWarn>\$(NoWarn);CS1591</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="IdpDynamo.Build" Version="$IDPDYN_VERSION" PrivateAssets="all" />
    <PackageReference Include="AWSSDK.DynamoDBv2" Version="[4.0.110]" />
    <IdpDynamoValues Include="../apps/bench-test/orders/dynamodb/values.yaml" />
    <GlobalAnalyzerConfigFiles Include="idpdynamo-analyzers-off.globalconfig" Condition="'\$(IdpDynamoAnalyzersOff)' == 'true'" />
  </ItemGroup>
</Project>
XML
{
  echo "is_global = true"
  for id in 201 202 203 204 205 206 207 208 209 210 211 212 213 214 999; do echo "dotnet_diagnostic.IDPDYN$id.severity = none"; done
} > "$OUT/Service/idpdynamo-analyzers-off.globalconfig"
flock -o "$LOCK" dotnet restore "$OUT/Service" -nologo -v:q >/dev/null
echo "== warm-up build (diagnostics the service gets)"
dotnet build "$OUT/Service" --no-restore -nologo -v:m -clp:NoSummary > "$OUT/warmup.txt" 2>&1 || { tail -30 "$OUT/warmup.txt"; exit 1; }
grep -oE "(warning|error) [A-Z]+[0-9]+" "$OUT/warmup.txt" | sort | uniq -c || echo "  (no warnings or errors)"
if grep -qE "AD0001|CS8785|IDPDYN999" "$OUT/warmup.txt"; then echo "an analyzer or the generator failed" >&2; exit 1; fi

declare -a CSC IDP IDPGEN ALL OFF
csc_ms() { grep -E '^\s+[0-9]+ ms\s+Csc\s' "$1" | awk '{print $1}' | head -1; }
for ((i = 1; i <= N; i++)); do
  # Only the compile is redone (obj/ kept, the assembly deleted): CoreCompile runs in full, with the analyzers.
  rm -f "$OUT/Service/obj/Debug/net10.0/Service.dll"
  dotnet build "$OUT/Service" --no-restore -nologo -v:q -p:ReportAnalyzer=true "-bl:$OUT/build-$i.binlog" >/dev/null
  log=$(replay "$OUT/build-$i.binlog")
  # Task Performance Summary: "   1234 ms  Csc    1 calls". ReportAnalyzer: "Total analyzer execution time: 1.234 seconds."
  # and one line per analyzer assembly: "   0.123   12  IdpDynamo.Analyzers, Version=..." (seconds, percent).
  CSC+=("$(csc_ms "$log")")
  ALL+=("$(grep -m1 -E 'Total analyzer execution time' "$log" | grep -oE '[0-9.]+' | head -1)")
  IDP+=("$(awk '/Total analyzer execution time/ {a=1} /Total generator execution time/ {a=0} a && /IdpDynamo.Analyzers,/ {print $1; exit}' "$log")")
  IDPGEN+=("$(awk '/Total generator execution time/ {g=1} g && /IdpDynamo.Analyzers,/ {print $1; exit}' "$log")")
  # The same compile with the IdpDynamo analyzers off (ReportAnalyzer on too, so both compiles pay its bookkeeping).
  rm -f "$OUT/Service/obj/Debug/net10.0/Service.dll"
  dotnet build "$OUT/Service" --no-restore -nologo -v:q -p:ReportAnalyzer=true -p:IdpDynamoAnalyzersOff=true "-bl:$OUT/off-$i.binlog" >/dev/null
  offlog=$(replay "$OUT/off-$i.binlog")
  OFF+=("$(csc_ms "$offlog")")
  ran=$(awk '/Total analyzer execution time/ {a=1} /Total generator execution time/ {a=0} a && / IdpDynamo\.Analyzers\.Analyzers\./ && $1 ~ /^[0-9.]+$/ && $1 + 0 > 0.02 {n++} END {print n + 0}' "$offlog")
  [ "$ran" = 0 ] || { echo "the IdpDynamo analyzers still ran with the globalconfig ($offlog)" >&2; exit 1; }
  echo "  round $i: Csc ${CSC[-1]} ms (analyzers on), ${OFF[-1]} ms (IdpDynamo analyzers off); all analyzers ${ALL[-1]} s; IdpDynamo analyzers ${IDP[-1]:-?} s; IdpDynamo generator ${IDPGEN[-1]:-?} s"
done
# Compiles restored with the analyzers on, so the folder is left as a normal build.
rm -f "$OUT/Service/obj/Debug/net10.0/Service.dll"; dotnet build "$OUT/Service" --no-restore -nologo -v:q >/dev/null

calls=$(( FILES * 4 ))
csc=$(printf '%s\n' "${CSC[@]}" | median)
idp=$(printf '%s\n' "${IDP[@]}" | median)
gen=$(printf '%s\n' "${IDPGEN[@]}" | median)
all=$(printf '%s\n' "${ALL[@]}" | median)
off=$(printf '%s\n' "${OFF[@]}" | median)
paired=$(paste <(printf '%s\n' "${CSC[@]}") <(printf '%s\n' "${OFF[@]}") | awk '{print ($1 - $2) / $2 * 100}' | median)
report="$WORK/analyzers.txt"
{
  echo "analyzers: $FILES files, $calls DynamoDB calls, $TABLES tables; median of $N compiles; $(date -u +%FT%TZ); $(machine)"
  echo "  Csc task (compile, with analyzers and generators): $csc ms"
  echo "  all analyzers (SDK's and ours, wall-clock attributed by the compiler): $all s"
  awk -v i="$idp" -v g="$gen" -v c="$csc" 'BEGIN {
    printf "  IdpDynamo analyzers: %.3f s = %.2f %% of compile time (target <= 1 %%)\n", i, i * 1000 / c * 100;
    printf "  IdpDynamo generator: %.3f s = %.2f %% of compile time\n", g, g * 1000 / c * 100 }'
  echo "  Csc with the IdpDynamo analyzers off: $off ms; marginal cost of the analyzers: $(awk -v a="$csc" -v b="$off" 'BEGIN {printf "%.1f", (a - b) / b * 100}') % (median of the paired rounds: $(printf '%.1f' "$paired") %)"
  echo "  rounds: on ${CSC[*]} | off ${OFF[*]}"
  echo "  per-analyzer lines of the last build:"
  grep -A40 -m1 "Total analyzer execution time" "$log" | grep -E "IdpDynamo|Total|execution" | sed 's/^/    /' | head -30
} | tee "$report"
echo "(written to $report; binary logs in $OUT)"
