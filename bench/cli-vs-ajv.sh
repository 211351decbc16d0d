#!/usr/bin/env bash
# (b) The idp-dynamo CLI against ajv-cli on the same generated values files (10 and 1,000 tables), whole process wall
# time, PAIRED and INTERLEAVED in one run (ajv, cli, ajv, cli, ...), N rounds; prints the medians and the ratio cli/ajv.
#
#   bench/cli-vs-ajv.sh                 N=15 rounds, the commands below
#   N=31 bench/cli-vs-ajv.sh            more rounds
#   BEFORE=DIR/idp-dynamo bench/cli-vs-ajv.sh
#                                       also an earlier installed tool ("cli-before"), e.g. one installed from main
#   VARIANTS=1 bench/cli-vs-ajv.sh      also the start-up variants in the same rounds: the CLI as it was before the
#                                       start-up work (IL, tiered PGO, concurrent GC, compiled regex), each change alone,
#                                       and runtime knobs that were tried (see bench/RESULTS.md)
#
# "cli" is the tool as users run it: packed as README says (dotnet pack src/IdpDynamo.Cli -c Release, and -r linux-x64
# for the Native AOT package; that needs clang and zlib1g-dev), installed with dotnet tool install --tool-path from that
# feed (so the native executable on linux-x64), run by its command name. "cli-dll" is the managed build of the same
# source (dotnet bin/Release/net10.0/idp-dynamo.dll, ReadyToRun), what the framework-dependent fallback package runs.
#
# ajv-cli reads YAML itself (js-yaml), so both tools get the same values.yaml; "ajv-json" (the file converted to JSON
# beforehand with the yaml package, conversion not timed) is shown for reference: ajv's best case.
# Targets: cli <= 0.15 x ajv at 10 tables, <= 0.25 x ajv at 1,000 tables.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
N="${N:-15}"
VARIANTS="${VARIANTS:-0}"
OUT="$PWD/artifacts/bench/cli-vs-ajv"
SCHEMA="../shared/reference/idp-dynamodb/values.schema.v2.1.11.json"
CLI="src/IdpDynamo.Cli/bin/Release/net10.0/idp-dynamo.dll"
BEFORE="${BEFORE:-}"
TOOL="$OUT/tool/idp-dynamo"
BENCH="bench/IdpDynamo.Benchmarks/bin/Release/net10.0/IdpDynamo.Benchmarks.dll"
LOCK=/tmp/idpdyn-build.lock

[ -f "$SCHEMA" ] || { echo "schema not found: $SCHEMA (run from the repository, with shared/ beside it)" >&2; exit 2; }
mkdir -p "$OUT"

echo "== npm ci (bench/node: ajv-cli, yaml)"
(cd bench/node && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
AJV="$PWD/bench/node/node_modules/.bin/ajv"

echo "== dotnet build -c Release (CLI, benchmark tool)"
flock -o "$LOCK" dotnet build -c Release src/IdpDynamo.Cli -nologo -v:q -clp:NoSummary >/dev/null
flock -o "$LOCK" dotnet build -c Release bench/IdpDynamo.Benchmarks -nologo -v:q -clp:NoSummary >/dev/null

echo "== dotnet pack (-r linux-x64) + dotnet tool install --tool-path $OUT/tool"
rm -rf "$OUT/feed" "$OUT/tool" "$OUT/nuget-packages"
flock -o "$LOCK" dotnet pack src/IdpDynamo.Cli -c Release -o "$OUT/feed" -nologo -v:q -clp:NoSummary >/dev/null
if [ "$(uname -m)" = x86_64 ] && [ "$(uname -s)" = Linux ]; then
  flock -o "$LOCK" dotnet pack src/IdpDynamo.Cli -c Release -r linux-x64 -o "$OUT/feed" -nologo -v:q -clp:NoSummary >/dev/null
fi
NUGET_PACKAGES="$OUT/nuget-packages" dotnet tool install IdpDynamo.Cli --add-source "$OUT/feed" --tool-path "$OUT/tool" >/dev/null
echo "   installed: $(readlink -f "$TOOL")"
if [ "$VARIANTS" = 1 ]; then
  # Variants built from the Release output: the IL originals (obj/, the Schema project, the NuGet cache) or the
  # ReadyToRun files, with the runtimeconfig.json of before (tiered PGO on, concurrent GC, dynamic code) or of now.
  echo "== variants in $OUT/variants"
  python3 - "$OUT/variants" <<'PY'
import json, os, shutil, sys, glob
out = sys.argv[1]
bin_dir = "src/IdpDynamo.Cli/bin/Release/net10.0"
il = {"idp-dynamo.dll": "src/IdpDynamo.Cli/obj/Release/net10.0/idp-dynamo.dll",
      "IdpDynamo.Schema.dll": "src/IdpDynamo.Schema/bin/Release/netstandard2.0/IdpDynamo.Schema.dll",
      "YamlDotNet.dll": glob.glob(os.path.expanduser(os.environ.get("NUGET_PACKAGES", "~/.nuget/packages")) + "/yamldotnet/16.3.0/lib/net8.0/YamlDotNet.dll")[0]}
def variant(name, ready_to_run, before_config):
    d = os.path.join(out, name)
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(bin_dir, d)
    if not ready_to_run:
        for f, src in il.items():
            shutil.copyfile(src, os.path.join(d, f))
    if before_config:
        p = os.path.join(d, "idp-dynamo.runtimeconfig.json")
        j = json.load(open(p))
        c = j["runtimeOptions"]["configProperties"]
        c["System.Runtime.TieredPGO"] = True
        c.pop("System.GC.Concurrent", None)
        c.pop("System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported", None)
        json.dump(j, open(p, "w"), indent=2)
variant("before", False, True)          # the CLI before the start-up work
variant("il-new-config", False, False)  # runtime settings only
variant("r2r-old-config", True, True)   # ReadyToRun only
PY
fi

declare -A FILE JSON
for tables in 10 1000; do
  FILE[$tables]="$OUT/t$tables/apps/bench-test/orders/dynamodb/values.yaml"
  JSON[$tables]="$OUT/t$tables/values.json"
  dotnet "$BENCH" generate "$tables" "${FILE[$tables]}" >/dev/null
  node bench/node/to-json.mjs "${FILE[$tables]}" "${JSON[$tables]}"
done

# name|command (the file is appended); every command must exit 0 on the generated (valid) files.
commands() {
  local tables=$1
  echo "ajv|$AJV validate -s $SCHEMA --spec=draft7 --strict=false --all-errors -d ${FILE[$tables]}"
  echo "cli|$TOOL validate ${FILE[$tables]} --chart-version 2.1.11"
  echo "cli-dll|dotnet $CLI validate ${FILE[$tables]} --chart-version 2.1.11"
  [ -n "$BEFORE" ] && echo "cli-installed-before|$BEFORE validate ${FILE[$tables]} --chart-version 2.1.11"
  echo "ajv-json|$AJV validate -s $SCHEMA --spec=draft7 --strict=false --all-errors -d ${JSON[$tables]}"
  if [ "$VARIANTS" = 1 ]; then
    echo "cli-before|dotnet $OUT/variants/before/idp-dynamo.dll validate ${FILE[$tables]} --chart-version 2.1.11"
    echo "cli-settings-only|dotnet $OUT/variants/il-new-config/idp-dynamo.dll validate ${FILE[$tables]} --chart-version 2.1.11"
    echo "cli-r2r-only|dotnet $OUT/variants/r2r-old-config/idp-dynamo.dll validate ${FILE[$tables]} --chart-version 2.1.11"
    echo "cli+TieredCompilation=0|env DOTNET_TieredCompilation=0 dotnet $CLI validate ${FILE[$tables]} --chart-version 2.1.11"
    echo "cli+QuickJitForLoops=0|env DOTNET_TC_QuickJitForLoops=0 dotnet $CLI validate ${FILE[$tables]} --chart-version 2.1.11"
    echo "cli+TieredPGO=1|env DOTNET_TieredPGO=1 dotnet $CLI validate ${FILE[$tables]} --chart-version 2.1.11"
  fi
}

# Sanity: the tools agree that the generated files are valid, and both reject a schema error.
for tables in 10 1000; do
  while IFS='|' read -r name cmd; do
    $cmd >/dev/null 2>&1 || { echo "$name failed on the valid ${tables}-table file: $cmd" >&2; exit 1; }
  done < <(commands "$tables")
done
bad="$OUT/bad/apps/bench-test/orders/dynamodb/values.yaml"
mkdir -p "$(dirname "$bad")"
sed '0,/billingMode: PAY_PER_REQUEST/s//billingMode: ON_DEMAND/' "${FILE[10]}" > "$bad"
if "$AJV" validate -s "$SCHEMA" --spec=draft7 --strict=false -d "$bad" >/dev/null 2>&1; then echo "ajv accepted a broken file" >&2; exit 1; fi
if "$TOOL" validate "$bad" --chart-version 2.1.11 >/dev/null 2>&1; then echo "the CLI accepted a broken file" >&2; exit 1; fi

ms() { # wall time of one process in milliseconds
  local start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || true
  local end=$EPOCHREALTIME
  echo $(( (${end/./} - ${start/./}) / 1000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

report="$OUT/report.txt"
{
  echo "cli-vs-ajv: N=$N interleaved rounds, $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  for tables in 10 1000; do
    mapfile -t cmds < <(commands "$tables")
    declare -A times=()
    for ((round = 1; round <= N; round++)); do
      for entry in "${cmds[@]}"; do
        name="${entry%%|*}"
        times[$name]+="$(ms ${entry#*|}) "
      done
    done
    echo
    echo "$tables tables ($(($(stat -c %s "${FILE[$tables]}") / 1024)) KiB YAML): median wall time of $N runs, ms"
    ajv_median=$(tr ' ' '\n' <<<"${times[ajv]}" | grep . | median)
    for entry in "${cmds[@]}"; do
      name="${entry%%|*}"
      m=$(tr ' ' '\n' <<<"${times[$name]}" | grep . | median)
      # The paired ratio: per round, this command / ajv of the same round; its median is robust to load drifting.
      paired=$(paste <(tr ' ' '\n' <<<"${times[$name]}" | grep .) <(tr ' ' '\n' <<<"${times[ajv]}" | grep .) | awk '{print $1 / $2}' | median)
      printf '  %-24s %7s ms   ratio of medians %5.2f   median paired ratio %5.2f   runs: %s\n' \
        "$name" "$m" "$(awk -v a="$m" -v b="$ajv_median" 'BEGIN {print a / b}')" "$paired" "${times[$name]}"
    done
    target=$([ "$tables" = 10 ] && echo 0.15 || echo 0.25)
    echo "  target: cli/ajv <= $target"
    unset times
  done
} | tee "$report"
echo "(written to $report)"
