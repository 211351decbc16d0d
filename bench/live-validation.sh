#!/usr/bin/env bash
# (f) Live validation (IdpDynamoLiveValidation, ValuesFileAnalyzer): what it adds to a compile when it is on, and that
# it costs nothing when it is off. A generated service (FILES C# files, default 100, four DynamoDB calls each) over a
# values file of TABLES tables (default 20) with its application.yaml. Each round compiles twice,
# live validation on (-p:IdpDynamoLiveValidation=true, as a design-time build has it) and off (the default of a
# command-line build), in alternating order, obj/ kept and the assembly deleted so CoreCompile runs in full; both with
# -p:ReportAnalyzer=true -bl. Reported: the Csc task's time on and off (median, and the median of the paired ratios
# on/off), and ValuesFileAnalyzer's own time from the compiler's per-analyzer report in both (off: it registers nothing).
# Target: on/off <= 1.01 (the analyzers' budget: <= 1 % of compile time); off: ValuesFileAnalyzer 0.000 s.
#   bench/live-validation.sh        N=7 bench/live-validation.sh        FILES=500 TABLES=100 bench/live-validation.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
FILES="${FILES:-100}"
TABLES="${TABLES:-20}"
N="${N:-5}"
OUT="$WORK/live-validation"

pack_package
rm -rf "$OUT"
scaffold_root "$OUT"
dotnet "$BENCH" service "$OUT" "$FILES" "$TABLES"
printf 'helm:\n  chart: helm/idp-dynamodb\n  chartVersion: "2.1.11"\n' > "$OUT/apps/bench-test/orders/dynamodb/application.yaml"
mkdir -p "$OUT/Service"
cat > "$OUT/Service/Service.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <RootNamespace>Bench.Service</RootNamespace>
    <NoWarn>$(NoWarn);CS1591</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="IdpDynamo.Build" Version="*-*" PrivateAssets="all" />  <!-- the one version in this run's feed -->
    <PackageReference Include="AWSSDK.DynamoDBv2" Version="[4.0.110]" />
    <IdpDynamoValues Include="../apps/bench-test/orders/dynamodb/values.yaml" />
  </ItemGroup>
</Project>
XML
flock -o "$LOCK" dotnet restore "$OUT/Service" -nologo -v:q >/dev/null
echo "== warm-up builds (off, then on: the diagnostics live validation adds)"
dotnet build "$OUT/Service" --no-restore -nologo -v:m -clp:NoSummary > "$OUT/warmup-off.txt" 2>&1 || { tail -30 "$OUT/warmup-off.txt"; exit 1; }
dotnet build "$OUT/Service" --no-restore -nologo -v:m -clp:NoSummary -p:IdpDynamoLiveValidation=true > "$OUT/warmup-on.txt" 2>&1 || { tail -30 "$OUT/warmup-on.txt"; exit 1; }
if grep -qE "AD0001|CS8785|IDPDYN999" "$OUT/warmup-off.txt" "$OUT/warmup-on.txt"; then echo "an analyzer or the generator failed" >&2; exit 1; fi

csc_ms() { grep -E '^\s+[0-9]+ ms\s+Csc\s' "$1" | awk '{print $1}' | head -1; }
live_s() { awk '/Total analyzer execution time/ {a=1} /Total generator execution time/ {a=0} a && /IdpDynamo\.Analyzers\.Validation\.ValuesFileAnalyzer/ {print $1; exit}' "$1"; }
compile() { # compile on|off ROUND -> "csc_ms analyzer_s"
  local mode=$1 round=$2 flag=false
  [ "$mode" = on ] && flag=true
  rm -f "$OUT/Service/obj/Debug/net10.0/Service.dll"
  dotnet build "$OUT/Service" --no-restore -nologo -v:q -p:ReportAnalyzer=true -p:IdpDynamoLiveValidation=$flag "-bl:$OUT/$mode-$round.binlog" >/dev/null
  local log
  log=$(replay "$OUT/$mode-$round.binlog")
  echo "$(csc_ms "$log") $(live_s "$log")"
}
declare -a ON OFF ONLIVE OFFLIVE
for ((i = 1; i <= N; i++)); do
  if (( i % 2 )); then a=$(compile on "$i"); b=$(compile off "$i"); else b=$(compile off "$i"); a=$(compile on "$i"); fi
  ON+=("${a%% *}"); ONLIVE+=("${a#* }"); OFF+=("${b%% *}"); OFFLIVE+=("${b#* }")
  echo "  round $i: Csc on ${ON[-1]} ms (ValuesFileAnalyzer ${ONLIVE[-1]:-?} s), off ${OFF[-1]} ms (ValuesFileAnalyzer ${OFFLIVE[-1]:-?} s)"
done
rm -f "$OUT/Service/obj/Debug/net10.0/Service.dll"; dotnet build "$OUT/Service" --no-restore -nologo -v:q >/dev/null

on=$(printf '%s\n' "${ON[@]}" | median)
off=$(printf '%s\n' "${OFF[@]}" | median)
ratio=$(paste <(printf '%s\n' "${ON[@]}") <(printf '%s\n' "${OFF[@]}") | awk '{print $1 / $2}' | median)
report="$WORK/live-validation.txt"
{
  echo "live validation: $FILES C# files, a values file of $TABLES tables (+ application.yaml); $N paired rounds, order alternated; $(date -u +%FT%TZ); $(machine)"
  echo "  Csc task, live validation on: median $on ms; off: median $off ms"
  echo "  paired ratio on/off (median of the rounds' ratios): $(printf '%.3f' "$ratio") (target <= 1.01)"
  echo "  ValuesFileAnalyzer (compiler's report): on $(printf '%s\n' "${ONLIVE[@]}" | median) s, off $(printf '%s\n' "${OFFLIVE[@]}" | median) s (target 0.000 off)"
  echo "  diagnostics the service gets with live validation on: $(grep -oE '(warning|error) IDPDYN[0-9]+' "$OUT/warmup-on.txt" | sort | uniq -c | tr '\n' ' ')"
  echo "  rounds: on ${ON[*]} | off ${OFF[*]}"
} | tee "$report"
echo "(written to $report; binary logs in $OUT)"
